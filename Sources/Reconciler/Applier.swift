import Foundation
import Logging
import Spec

/// Carries out a plan: in dependency order (deletes in reverse), at most `parallelism` units at
/// once, never two changes of one lane at once, and going on with independent resources when one
/// fails. A unit is one change, or every ready change of one driver with one batch key, handed to
/// the driver in one call. Each unit's successes are recorded as one delta as soon as it completes.
///
/// When `stop` is set (cancellation, a lost lock) no further unit starts; units in flight finish
/// and are recorded, and the rest are reported as not started.
public struct Applier: Sendable {
    public let drivers: [any Driver]
    public let store: any StateStore
    public let parallelism: Int
    /// Told of each change as it settles.
    public let progress: ApplyProgress.Handler?

    public init(drivers: [any Driver], store: any StateStore, parallelism: Int = 10, progress: ApplyProgress.Handler? = nil) {
        self.progress = progress
        self.drivers = drivers
        self.store = store
        self.parallelism = max(1, parallelism)
    }

    typealias Unit = ApplySchedule.Unit

    /// Throws only when the opening or closing record cannot be written; a failure to record a
    /// unit's changes stops the run (``StopSignal/Reason/stateUnwritable`` or ``StopSignal/Reason/lockLost``).
    public func apply(_ plan: Plan, planned: Planner.Result, context: DriverContext, lock: any StateLock,
                      stop: StopSignal = StopSignal()) async throws -> ApplyReport {
        try await withTaskCancellationHandler {
            try await run(plan, planned: planned, context: context, lock: lock, stop: stop)
        } onCancel: {
            stop.stop(.cancelled)
        }
    }

    private func run(_ plan: Plan, planned: Planner.Result, context: DriverContext, lock: any StateLock,
                     stop: StopSignal) async throws -> ApplyReport {
        let recorder = StateRecorder(inventory: context.inventory, store: store, lock: lock)
        var opening = refresh(plan, planned: planned, context: context)
        if context.inventory.isFresh { opening.fingerprintKey = context.fingerprintKey }
        try await recorder.record(opening)
        let changes = plan.actionable
        var schedule = ApplySchedule(changes: changes, units: units(changes), progress: progress)
        await withTaskGroup(of: (Unit, [ResourceAddress: Result<ApplyOutcome, ResourceError>]).self) { group in
            var running = 0
            while !schedule.isDone || running > 0 {
                schedule.skipBlocked()
                if stop.stopped == nil, !(await lock.isHeld()) { stop.stop(.lockLost) }
                if stop.stopped != nil { schedule.stopAll() }
                for unit in schedule.start(room: parallelism - running) {
                    running += 1
                    group.addTask { (unit, await self.carryOut(unit, planned: planned, context: context)) }
                }
                guard running > 0 else {
                    schedule.failWaiting()
                    break
                }
                guard let (unit, results) = await group.next() else { break }
                running -= 1
                let entries = schedule.finish(unit, results, declaredAt: { planned.desired[$0]?.location }, logger: context.logger)
                do {
                    try await recorder.record(InventoryDelta(entries))
                } catch {
                    // What was applied but not recorded is read back live by the next run (adopted when
                    // it matches); writing on without the record is what must not happen.
                    context.logger.error("recording applied changes failed", metadata: ["error": "\(error)"])
                    stop.stop(error is StateLockLostError ? .lockLost : .stateUnwritable)
                }
            }
        }
        let report = ApplyReport(outcomes: schedule.outcomes, actions: schedule.actions, stopped: stop.stopped,
                                 adoptions: schedule.adoptions)
        if report.succeeded, !plan.isPartial {
            try await recorder.record(InventoryDelta(completed: .init(revision: plan.revision)))
        }
        return report
    }

    /// Hands one unit to its driver. A change in flight finishes even when the run is cancelled:
    /// stopping half-way through a driver's calls would leave the object half made.
    private func carryOut(_ unit: Unit, planned: Planner.Result,
                          context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        guard let driver = unit.driver else {
            return Dictionary(uniqueKeysWithValues: unit.changes.map {
                ($0.address, .failure(ResourceError(address: $0.address, code: .applyFailed,
                    message: "no driver manages \($0.address.kind.rawValue) resources")))
            })
        }
        let batch = unit.changes.map { PendingChange(change: $0, desired: planned.desired[$0.address], owned: planned.owned[$0.address]) }
        return await Task { await driver.apply(batch: batch, context: context.serving(driver.kinds)) }.value
    }

    /// No-ops still refresh the inventory: adopted resources become owned, forgotten ones leave,
    /// and owned ones keep what their driver recorded when it applied them. One delta for all.
    private func refresh(_ plan: Plan, planned: Planner.Result, context: DriverContext) -> InventoryDelta {
        var refreshed: [ResourceAddress: InventoryEntry?] = [:]
        for change in plan.changes where change.action == .noOp {
            let previous = context.inventory.resources[change.address]
            if let resource = planned.desired[change.address] {
                var entry = previous ?? planned.owned[change.address] ?? InventoryEntry(address: change.address)
                entry.attributes.merge(resource.attributes) { _, declared in declared }
                entry.lane = change.lane
                entry.batch = change.batch
                entry.dependsOn = resource.dependsOn
                if entry != previous { refreshed[change.address] = .some(entry) }
            } else if previous != nil, change.cause == .forget || change.cause == .release {
                refreshed[change.address] = .some(nil)
            }
        }
        return InventoryDelta(refreshed)
    }

    /// Deletions first, since within a lane the next ready unit starts in this order, and a deletion
    /// that runs after a creation of the same live object (a renamed webhook) would undo it. Changes
    /// with a batch key share a unit with the others of their driver and key, deletions apart.
    func units(_ changes: [Change]) -> [Unit] {
        let ordered = changes.filter { $0.action == .delete } + changes.filter { $0.action != .delete }
        var units: [Unit] = []
        var index: [String: Int] = [:]
        var grouped: [[Change]] = []
        var driverOf: [Int: (any Driver)?] = [:]
        for change in ordered {
            let driver = self.driver(for: change.address.kind)
            if let batch = change.batch {
                let key = "\(driver?.name ?? "")\u{0}\(batch)\u{0}\(change.action == .delete)"
                if let at = index[key] {
                    grouped[at].append(change)
                    continue
                }
                index[key] = grouped.count
            }
            driverOf[grouped.count] = driver
            grouped.append([change])
        }
        for (id, members) in grouped.enumerated() {
            units.append(Unit(id: id, driver: driverOf[id] ?? nil, changes: members))
        }
        return units
    }

    private func driver(for kind: ResourceKind) -> (any Driver)? {
        drivers.first { $0.kinds.contains(kind) }
    }
}

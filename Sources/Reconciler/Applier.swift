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

    /// A set of changes started together.
    struct Unit: Sendable {
        let id: Int
        let driver: (any Driver)?
        let changes: [Change]
        var lanes: Set<String> { Set(changes.compactMap(\.lane)) }
    }

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
        let waitsFor = Applier.ordering(changes)
        let units = self.units(changes)
        var unitWaits: [Int: Set<ResourceAddress>] = [:]
        for unit in units { unitWaits[unit.id] = Applier.externalWaits(unit, waitsFor: waitsFor) }
        var outcomes: [ResourceAddress: ApplyReport.Outcome] = [:]
        let actions = Dictionary(changes.map { ($0.address, $0.action) }, uniquingKeysWith: { first, _ in first })
        func settle(_ address: ResourceAddress, _ outcome: ApplyReport.Outcome) {
            outcomes[address] = outcome
            progress?(ApplyProgress(done: outcomes.count, total: changes.count, address: address,
                                    action: actions[address] ?? .noOp, outcome: outcome))
        }
        var pending = units
        var busyLanes: Set<String> = []

        func waits(_ unit: Unit) -> Set<ResourceAddress> { unitWaits[unit.id] ?? [] }

        await withTaskGroup(of: (Unit, [ResourceAddress: Result<ApplyOutcome, ResourceError>]).self) { group in
            var running = 0
            while !pending.isEmpty || running > 0 {
                // Skip whatever waits for a failed, skipped or unstarted resource. In a batch only the
                // changes tied to the failure are skipped; the batch's other changes still go.
                var progressed = true
                while progressed {
                    progressed = false
                    var remaining: [Unit] = []
                    for unit in pending {
                        guard waits(unit).contains(where: { Applier.didNotApply(outcomes[$0]) }) else {
                            remaining.append(unit)
                            continue
                        }
                        let blocked = Applier.blocked(unit.changes, waitsFor: waitsFor, outcomes: outcomes)
                        progressed = progressed || !blocked.isEmpty
                        for (address, blocker) in blocked { settle(address, .skipped(because: blocker)) }
                        let rest = unit.changes.filter { blocked[$0.address] == nil }
                        guard !rest.isEmpty else { continue }
                        let trimmed = Unit(id: unit.id, driver: unit.driver, changes: rest)
                        unitWaits[unit.id] = Applier.externalWaits(trimmed, waitsFor: waitsFor)
                        remaining.append(trimmed)
                    }
                    pending = remaining
                }
                if stop.stopped == nil, !(await lock.isHeld()) { stop.stop(.lockLost) }
                if stop.stopped != nil {
                    for unit in pending { for change in unit.changes { settle(change.address, .notStarted) } }
                    pending.removeAll()
                }
                // Start every ready unit while there is room.
                for unit in pending where running < parallelism {
                    let ready = waits(unit).allSatisfy { if case .applied = outcomes[$0] { true } else { false } }
                    guard ready, busyLanes.isDisjoint(with: unit.lanes) else { continue }
                    pending.removeAll { $0.id == unit.id }
                    busyLanes.formUnion(unit.lanes)
                    running += 1
                    let batch = unit.changes.map {
                        PendingChange(change: $0, desired: planned.desired[$0.address], owned: planned.owned[$0.address])
                    }
                    group.addTask {
                        guard let driver = unit.driver else {
                            return (unit, Dictionary(uniqueKeysWithValues: unit.changes.map {
                                ($0.address, .failure(ResourceError(address: $0.address, code: .applyFailed,
                                    message: "no driver manages \($0.address.kind.rawValue) resources")))
                            }))
                        }
                        // A change in flight finishes even when the run is cancelled: stopping
                        // half-way through a driver's calls would leave the object half made.
                        return (unit, await Task { await driver.apply(batch: batch, context: context.serving(driver.kinds)) }.value)
                    }
                }
                guard running > 0 else {
                    // Only possible with a dependency cycle, which validation rules out.
                    for unit in pending {
                        for change in unit.changes {
                            settle(change.address, .failed(ResourceError(address: change.address, code: .applyFailed,
                                message: "waits for itself through its dependencies")))
                        }
                    }
                    pending.removeAll()
                    break
                }
                guard let (unit, results) = await group.next() else { break }
                running -= 1
                busyLanes.subtract(unit.lanes)
                var entries: [ResourceAddress: InventoryEntry?] = [:]
                for change in unit.changes {
                    switch results[change.address] {
                    case let .success(outcome)?:
                        settle(change.address, .applied(writes: outcome.writes))
                        var entry = outcome.entry
                        entry?.lane = change.lane
                        entry?.batch = change.batch
                        entries[change.address] = .some(entry)
                    case let .failure(error)?:
                        // Point at the declaration when the driver could not say more precisely.
                        let located = error.location != nil ? error
                            : error.telling(error.address, at: planned.desired[change.address]?.location)
                        settle(change.address, .failed(located))
                        // The report lists every failure with its location; the log only traces it.
                        context.logger.info("apply failed", metadata: ["resource": "\(change.address)", "error": "\(error.message)"])
                    case nil:
                        settle(change.address, .failed(ResourceError(address: change.address, code: .applyFailed,
                            message: "the \(unit.driver?.name ?? "") driver returned no result for it; it may or may not have been applied",
                            location: planned.desired[change.address]?.location)))
                    }
                }
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
        let report = ApplyReport(outcomes: outcomes, actions: actions, stopped: stop.stopped)
        if report.succeeded, !plan.isPartial {
            try await recorder.record(InventoryDelta(completed: .init(revision: plan.revision)))
        }
        return report
    }

    /// What a unit waits for outside itself.
    static func externalWaits(_ unit: Unit, waitsFor: [ResourceAddress: Set<ResourceAddress>]) -> Set<ResourceAddress> {
        let members = Set(unit.changes.map(\.address))
        return unit.changes.reduce(into: Set<ResourceAddress>()) { $0.formUnion(waitsFor[$1.address, default: []]) }
            .subtracting(members)
    }

    /// A change that ran and did not succeed, or never ran.
    static func didNotApply(_ outcome: ApplyReport.Outcome?) -> Bool {
        guard let outcome else { return false }
        if case .applied = outcome { return false }
        return true
    }

    /// The changes of a unit that wait, directly or through another of its changes, for one that
    /// did not apply, each with what it waits for.
    static func blocked(_ changes: [Change], waitsFor: [ResourceAddress: Set<ResourceAddress>],
                        outcomes: [ResourceAddress: ApplyReport.Outcome]) -> [ResourceAddress: ResourceAddress] {
        var blocked: [ResourceAddress: ResourceAddress] = [:]
        var grew = true
        while grew {
            grew = false
            for change in changes where blocked[change.address] == nil {
                if let blocker = waitsFor[change.address, default: []].sorted().first(where: {
                    didNotApply(outcomes[$0]) || blocked[$0] != nil
                }) {
                    blocked[change.address] = blocker
                    grew = true
                }
            }
        }
        return blocked
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
            } else if previous != nil, change.cause == .forget {
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

    /// For each change, the changes that must finish first: a create or update waits for what it
    /// depends on; a delete waits for the deletion of everything that depended on it.
    static func ordering(_ changes: [Change]) -> [ResourceAddress: Set<ResourceAddress>] {
        let actions = Dictionary(changes.map { ($0.address, $0.action) }, uniquingKeysWith: { first, _ in first })
        var waits: [ResourceAddress: Set<ResourceAddress>] = [:]
        for change in changes {
            for dependency in change.dependsOn {
                guard let dependencyAction = actions[dependency] else { continue }
                if change.action == .delete {
                    if dependencyAction == .delete { waits[dependency, default: []].insert(change.address) }
                } else if dependencyAction != .delete {
                    waits[change.address, default: []].insert(dependency)
                }
            }
        }
        return waits
    }
}

import Foundation
import Logging
import Spec

/// Carries out a plan: in dependency order (deletes in reverse), at most `parallelism` changes at
/// once, never two changes of one lane at once, and going on with independent resources when one
/// fails. Records every success in the state store as it happens.
public struct Applier: Sendable {
    public let drivers: [any Driver]
    public let store: any StateStore
    public let parallelism: Int

    public init(drivers: [any Driver], store: any StateStore, parallelism: Int = 10) {
        self.drivers = drivers
        self.store = store
        self.parallelism = max(1, parallelism)
    }

    public func apply(_ plan: Plan, desired: [ResourceAddress: DesiredResource], context: DriverContext) async throws -> ApplyReport {
        let recorder = InventoryRecorder(inventory: context.inventory, store: store)
        // No-ops still refresh the inventory: adopted resources become owned, forgotten ones leave,
        // and owned ones keep what their driver recorded when it applied them. One save for all.
        var refreshed: [ResourceAddress: InventoryEntry?] = [:]
        for change in plan.changes where change.action == .noOp {
            let previous = context.inventory.resources[change.address]
            if let resource = desired[change.address] {
                var entry = previous ?? InventoryEntry(address: change.address)
                entry.attributes.merge(resource.attributes) { _, declared in declared }
                entry.attributes["lane"] = change.lane.map(JSONValue.string)
                entry.dependsOn = resource.dependsOn
                if entry != previous { refreshed[change.address] = .some(entry) }
            } else if previous != nil, change.reason?.hasPrefix("already gone") == true {
                refreshed[change.address] = .some(nil)
            }
        }
        try await recorder.record(refreshed)
        let changes = plan.actionable
        let waitsFor = Applier.ordering(changes)
        var outcomes: [ResourceAddress: ApplyReport.Outcome] = [:]
        // Deletions first: within a lane the next ready change starts in this order, and a deletion
        // that runs after a creation of the same live object (a renamed webhook) would undo it.
        var pending = changes.filter { $0.action == .delete }.map(\.address)
            + changes.filter { $0.action != .delete }.map(\.address)
        var busyLanes: Set<String> = []
        let byAddress = Dictionary(changes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })

        try await withThrowingTaskGroup(of: (ResourceAddress, ApplyReport.Outcome, InventoryEntry?).self) { group in
            var running = 0
            while !pending.isEmpty || running > 0 {
                // Skip whatever waits for a failed or skipped resource.
                var progressed = true
                while progressed {
                    progressed = false
                    for address in pending {
                        if let blocker = waitsFor[address, default: []].first(where: {
                            if case .applied = outcomes[$0] { false } else { outcomes[$0] != nil }
                        }) {
                            outcomes[address] = .skipped(because: blocker)
                            pending.removeAll { $0 == address }
                            progressed = true
                        }
                    }
                }
                // Start every ready change while there is room.
                for address in pending where running < parallelism {
                    let change = byAddress[address]!
                    let ready = waitsFor[address, default: []].allSatisfy { if case .applied = outcomes[$0] { true } else { false } }
                    guard ready, change.lane.map({ !busyLanes.contains($0) }) ?? true else { continue }
                    pending.removeAll { $0 == address }
                    if let lane = change.lane { busyLanes.insert(lane) }
                    running += 1
                    let driver = self.driver(for: address.kind)
                    group.addTask {
                        guard let driver else {
                            return (address, .failed(ResourceError(address: address, code: .applyFailed,
                                message: "no driver manages \(address.kind.rawValue) resources")), nil)
                        }
                        do throws(ResourceError) {
                            let outcome = try await driver.apply(change, desired: desired[address], context: context)
                            return (address, .applied(writes: outcome.writes), outcome.entry)
                        } catch {
                            // Point at the declaration when the driver could not say more precisely.
                            let located = error.location != nil ? error : ResourceError(
                                address: error.address, code: error.code, message: error.message,
                                location: desired[address]?.location)
                            return (address, .failed(located), nil)
                        }
                    }
                }
                guard running > 0 else {
                    if !pending.isEmpty {
                        // Only possible with a dependency cycle, which validation rules out.
                        for address in pending { outcomes[address] = .failed(ResourceError(address: address,
                            code: .applyFailed, message: "waits for itself through its dependencies")) }
                        pending.removeAll()
                    }
                    break
                }
                guard let (address, outcome, entry) = try await group.next() else { break }
                running -= 1
                if let lane = byAddress[address]?.lane { busyLanes.remove(lane) }
                outcomes[address] = outcome
                switch outcome {
                case .applied:
                    var entry = entry
                    entry?.attributes["lane"] = byAddress[address]?.lane.map(JSONValue.string)
                    try await recorder.record([address: entry])
                case let .failed(error):
                    // The report lists every failure with its location; the log only traces it.
                    context.logger.info("apply failed", metadata: ["resource": "\(error.address)", "error": "\(error.message)"])
                case .skipped:
                    break
                }
            }
        }
        let report = ApplyReport(outcomes: outcomes, actions: Dictionary(changes.map { ($0.address, $0.action) },
                                                                       uniquingKeysWith: { first, _ in first }))
        _ = try await recorder.finish(revision: plan.revision, complete: report.succeeded)
        return report
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

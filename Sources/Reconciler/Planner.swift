import Foundation
import Spec

/// Makes a ``Plan``: asks each driver for the desired and live state, diffs them, and checks the
/// plan against the safety limits. Reads only; writes nothing anywhere.
public struct Planner: Sendable {
    public let drivers: [any Driver]

    public init(drivers: [any Driver]) {
        self.drivers = drivers
    }

    /// What a plan is made from, kept so apply can carry out the same changes.
    public struct Result: Sendable {
        public let plan: Plan
        public let desired: [ResourceAddress: DesiredResource]
    }

    public func plan(context: DriverContext, options: PlanOptions = PlanOptions()) async throws -> Result {
        var changes: [Change] = []
        var desiredByAddress: [ResourceAddress: DesiredResource] = [:]
        var errors: [ResourceError] = []
        for driver in drivers {
            let owned = context.inventory.addresses(of: driver.kinds)
            let desired: [DesiredResource]
            do {
                desired = try driver.desired(in: context)
            } catch {
                errors += error.errors
                continue
            }
            // A driver with nothing declared and nothing owned is not contacted at all, so a
            // bots-only configuration needs no Docker engine and no database.
            if desired.isEmpty && owned.isEmpty { continue }
            let byAddress = Dictionary(desired.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            desiredByAddress.merge(byAddress) { first, _ in first }
            let addresses = Array(Set(byAddress.keys).union(owned)).sorted()
            let observed: [ResourceAddress: Observation]
            do {
                observed = try await driver.observe(addresses, desired: byAddress, context: context)
            } catch {
                errors += error.errors
                continue
            }
            for address in addresses {
                guard let observation = observed[address] else {
                    errors.append(ResourceError(address: address, code: .readFailed,
                        message: "the \(driver.name) driver returned no observation; nothing was planned"))
                    continue
                }
                changes.append(change(for: address, desired: byAddress[address], observed: observation,
                                      owned: context.inventory.resources[address], driver: driver, prune: context.state.project.prune))
            }
        }
        if !errors.isEmpty {
            throw ResourceErrors(errors)
        }
        let plan = Plan(revision: context.state.revision, configDigest: Planner.digest(of: desiredByAddress.values),
                        changes: changes,
                        refusals: refusals(changes, context: context, options: options, desiredCount: desiredByAddress.count))
        return Result(plan: plan, desired: desiredByAddress)
    }

    func change(for address: ResourceAddress, desired: DesiredResource?, observed: Observation, owned: InventoryEntry?,
                driver: any Driver, prune: Bool) -> Change {
        let digest = Planner.digest(of: observed)
        let lane = desired?.lane ?? owned?.attributes["lane"]?.stringValue
        guard let desired else {
            let dependsOn = owned?.dependsOn ?? []
            guard case let .present(live) = observed else {
                return Change(address: address, action: .noOp, reason: "already gone; botops forgets it",
                              dependsOn: dependsOn, lane: lane, observedDigest: digest)
            }
            guard prune else {
                return Change(address: address, action: .noOp, reason: "no longer declared, kept because prune is off",
                              dependsOn: dependsOn, lane: lane, observedDigest: digest)
            }
            return Change(address: address, action: .delete,
                          fields: ValueDiffer.changes(before: live, after: nil, sensitive: sensitivePaths(owned)),
                          reason: "no longer declared", dependsOn: dependsOn, lane: lane, observedDigest: digest)
        }
        switch observed {
        case .absent:
            return Change(address: address, action: .create,
                          fields: ValueDiffer.changes(before: nil, after: desired.value, sensitive: desired.sensitivePaths),
                          reason: owned == nil ? nil : "missing live; botops makes it again",
                          dependsOn: desired.dependsOn, lane: lane, observedDigest: digest)
        case let .present(live):
            let fields = ValueDiffer.changes(before: live, after: desired.value, sensitive: desired.sensitivePaths)
            if fields.isEmpty {
                return Change(address: address, action: .noOp, reason: owned == nil ? "matches; botops adopts it" : nil,
                              dependsOn: desired.dependsOn, lane: lane, observedDigest: digest)
            }
            let triggers = driver.replaceTriggers(for: address.kind)
            let forced = fields.filter { field in
                triggers.contains { field.path == $0 || field.path.hasPrefix($0 + ".") || field.path.hasPrefix($0 + "[") }
            }
            return Change(address: address, action: forced.isEmpty ? .update : .replace, fields: fields,
                          reason: forced.isEmpty ? (owned == nil ? "not managed by botops yet" : nil)
                              : "\(forced.map(\.path).joined(separator: ", ")) cannot change in place",
                          dependsOn: desired.dependsOn, lane: lane, observedDigest: digest)
        }
    }

    private func sensitivePaths(_ entry: InventoryEntry?) -> Set<String> {
        Set(entry?.fingerprints.keys ?? [:].keys)
    }

    private func refusals(_ changes: [Change], context: DriverContext, options: PlanOptions, desiredCount: Int) -> [String] {
        var refusals: [String] = []
        let deletes = changes.count { $0.action == .delete || $0.action == .replace }
        let limit = options.allowDeletes ?? context.state.project.maxDeletes
        if deletes > limit {
            refusals.append("the plan deletes \(deletes) resource\(deletes == 1 ? "" : "s"), more than the limit of \(limit) "
                + "(maxDeletes in the Project); if that is intended, run again with --allow-deletes \(deletes)")
        }
        if desiredCount == 0, !context.inventory.resources.isEmpty, !options.allowEmpty {
            refusals.append("the configuration declares no resources while botops owns \(context.inventory.resources.count); "
                + "this looks like a wrong folder or revision; if you really mean to remove everything, run again with --allow-empty")
        }
        return refusals
    }

    static func digest(of observation: Observation) -> String {
        switch observation {
        case .absent: return "absent"
        case let .present(value): return String(Fingerprinter.digest(value.description).prefix(16))
        }
    }

    static func digest(of desired: some Sequence<DesiredResource>) -> String {
        let text = desired.sorted { $0.address < $1.address }
            .map { "\($0.address)=\($0.value.description)" }.joined(separator: "\n")
        return String(Fingerprinter.digest(text).prefix(32))
    }
}

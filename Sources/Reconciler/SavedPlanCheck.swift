/// A saved plan is applied only if the world it was made in still holds: the same revision, the
/// same desired state, and every resource live as it was observed then.
struct SavedPlanCheck {
    let saved: Plan
    let fresh: Plan

    func verify() throws(StalePlanError) {
        if saved.revision != fresh.revision {
            throw StalePlanError(reason: "it was made at revision \(saved.revision ?? "(a folder)") and the configuration is now at "
                + "\(fresh.revision ?? "(a folder)")")
        }
        if saved.configDigest != fresh.configDigest {
            throw StalePlanError(reason: "the desired state changed since it was made")
        }
        let now = Dictionary(fresh.changes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        for change in saved.changes {
            guard let current = now[change.address] else {
                throw StalePlanError(reason: "\(change.address) is no longer part of the plan")
            }
            if current.observedDigest != change.observedDigest {
                throw StalePlanError(reason: "\(change.address) changed live since the plan was made")
            }
        }
        for address in now.keys where !saved.changes.contains(where: { $0.address == address }) {
            throw StalePlanError(reason: "\(address) appeared since the plan was made")
        }
    }
}

/// A saved plan no longer matches the configuration or the live systems.
public struct StalePlanError: Error, Sendable, CustomStringConvertible {
    public let reason: String
    public var description: String { "the saved plan is stale: \(reason); make a new plan and review it" }
}

import Reconciler
import Spec

/// Which resources became degraded (a Channel's bot lost a right) or recovered from one pass to the next,
/// for the `degraded` notices: each is told once when it starts, again when what it lacks changes, and once
/// when it recovers. A resource that could not be read this pass is neither; it waits for a pass that reads it.
struct DegradedWatch: Sendable {
    /// One change to tell.
    struct Change: Sendable, Equatable {
        let address: ResourceAddress
        /// The status it reports, or for a recovery what happened.
        let text: String
        let recovered: Bool
    }

    private var seen: [ResourceAddress: String] = [:]

    /// The changes since the last call, in address order.
    mutating func changes(in fleet: FleetStatus) -> [Change] {
        var now: [ResourceAddress: String] = [:]
        for (address, resource) in fleet.resources where resource.health == .degraded {
            now[address] = resource.status ?? "degraded"
        }
        var changes: [Change] = []
        for (address, text) in now.sorted(by: { $0.key < $1.key }) where seen[address] != text {
            changes.append(Change(address: address, text: text, recovered: false))
        }
        for address in seen.keys.sorted() where now[address] == nil {
            if fleet.resources[address]?.sync == .unknown {
                now[address] = seen[address]
                continue
            }
            changes.append(Change(address: address, text: fleet.resources[address] == nil ? "no longer managed"
                                      : "what it lacked is there again", recovered: true))
        }
        seen = now
        return changes
    }
}

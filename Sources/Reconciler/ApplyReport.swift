import Spec

/// What an apply did, resource by resource.
public struct ApplyReport: Sendable {
    public enum Outcome: Sendable, Hashable {
        case applied(writes: Int)
        case failed(ResourceError)
        /// Not attempted because a resource it depends on failed.
        case skipped(because: ResourceAddress)
    }

    public let outcomes: [ResourceAddress: Outcome]
    /// The actions of the applied plan, for the summary line.
    public let actions: [ResourceAddress: Action]

    public init(outcomes: [ResourceAddress: Outcome], actions: [ResourceAddress: Action]) {
        self.outcomes = outcomes
        self.actions = actions
    }

    public var failures: [ResourceError] {
        outcomes.values.compactMap { if case let .failed(error) = $0 { error } else { nil } }.sorted { $0.address < $1.address }
    }

    public var skipped: [(ResourceAddress, ResourceAddress)] {
        outcomes.compactMap { address, outcome in
            if case let .skipped(because) = outcome { (address, because) } else { nil }
        }.sorted { $0.0 < $1.0 }
    }

    public var writes: Int {
        outcomes.values.reduce(0) { total, outcome in
            if case let .applied(writes) = outcome { total + writes } else { total }
        }
    }

    public var succeeded: Bool { failures.isEmpty && skipped.isEmpty }

    /// `Apply complete! Resources: 1 added, 2 changed, 0 destroyed.` or the failure count.
    public var sentence: String {
        func count(_ actions: Set<Action>) -> Int {
            outcomes.count { address, outcome in
                if case .applied = outcome, let action = self.actions[address] { actions.contains(action) } else { false }
            }
        }
        let line = "\(count([.create, .replace])) added, \(count([.update])) changed, \(count([.delete, .replace])) destroyed"
        if succeeded { return "Apply complete! Resources: \(line)." }
        return "Apply failed: \(failures.count) failed, \(skipped.count) skipped; resources: \(line)."
    }
}

import Spec

/// What an apply did, resource by resource.
public struct ApplyReport: Sendable {
    public enum Outcome: Sendable, Hashable {
        case applied(writes: Int)
        case failed(ResourceError)
        /// Not attempted because a resource it depends on failed.
        case skipped(because: ResourceAddress)
        /// Not started because the run was stopped (cancelled, or its lock lost) before its turn.
        case notStarted

        /// How the history records it.
        public var recorded: RunRecord.Outcome {
            switch self {
            case .applied: return .applied
            case .failed: return .failed
            case .skipped: return .skipped
            case .notStarted: return .notStarted
            }
        }

        /// The history's word for it.
        public var name: String { recorded.rawValue }
    }

    public let outcomes: [ResourceAddress: Outcome]
    /// The actions of the applied plan, for the summary line.
    public let actions: [ResourceAddress: Action]
    /// Set when the run stopped before every change was started.
    public let stopped: StopSignal.Reason?
    /// The replaces that were adoptions (``ChangeCause/adoptByReplace``), counted apart.
    public let adoptions: Set<ResourceAddress>

    public init(outcomes: [ResourceAddress: Outcome], actions: [ResourceAddress: Action], stopped: StopSignal.Reason? = nil,
                adoptions: Set<ResourceAddress> = []) {
        self.outcomes = outcomes
        self.actions = actions
        self.stopped = stopped
        self.adoptions = adoptions
    }

    public var failures: [ResourceError] {
        outcomes.values.compactMap { if case let .failed(error) = $0 { error } else { nil } }.sorted { $0.address < $1.address }
    }

    public var skipped: [(ResourceAddress, ResourceAddress)] {
        outcomes.compactMap { address, outcome in
            if case let .skipped(because) = outcome { (address, because) } else { nil }
        }.sorted { $0.0 < $1.0 }
    }

    public var notStarted: [ResourceAddress] {
        outcomes.filter { $0.value == .notStarted }.keys.sorted()
    }

    public var writes: Int {
        outcomes.values.reduce(0) { total, outcome in
            if case let .applied(writes) = outcome { total + writes } else { total }
        }
    }

    public var succeeded: Bool { failures.isEmpty && skipped.isEmpty && notStarted.isEmpty }

    /// `Apply complete! Resources: 1 added, 2 changed, 0 destroyed.` or the failure count.
    public var sentence: String {
        func count(_ actions: Set<Action>, adopted: Bool = false) -> Int {
            outcomes.count { address, outcome in
                guard case .applied = outcome, let action = self.actions[address] else { return false }
                return actions.contains(action) && adoptions.contains(address) == adopted
            }
        }
        let adopted = count([.replace], adopted: true)
        let line = "\(count([.create, .replace])) added, \(count([.update])) changed, \(count([.delete, .replace])) destroyed"
            + (adopted > 0 ? ", \(adopted) adopted" : "")
        if let stopped {
            let why = switch stopped {
            case .cancelled: "cancelled"
            case .lockLost: "stopped: the state lock was lost"
            case .stateUnwritable: "stopped: what was applied could not be recorded"
            }
            return "Apply \(why): \(notStarted.count) not started, \(failures.count) failed; resources: \(line)."
        }
        if succeeded { return "Apply complete! Resources: \(line)." }
        return "Apply failed: \(failures.count) failed, \(skipped.count) skipped; resources: \(line)."
    }
}

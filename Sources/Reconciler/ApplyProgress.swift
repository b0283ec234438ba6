import Spec

/// One change of an apply settled (applied, failed, skipped or not started), for a command showing
/// progress while a long apply runs. Called once per change, in the order they settle, from the
/// applier's own task: a handler only prints or counts.
public struct ApplyProgress: Sendable, Hashable {
    public typealias Handler = @Sendable (ApplyProgress) -> Void

    /// Changes settled so far, this one included.
    public let done: Int
    /// Changes the apply has.
    public let total: Int
    public let address: ResourceAddress
    public let action: Action
    public let outcome: ApplyReport.Outcome
    /// The change was an adoption (``ChangeCause/adoptByReplace``): said as such, not as a replace.
    public let adoption: Bool

    public init(done: Int, total: Int, address: ResourceAddress, action: Action, outcome: ApplyReport.Outcome, adoption: Bool = false) {
        self.done = done
        self.total = total
        self.address = address
        self.action = action
        self.outcome = outcome
        self.adoption = adoption
    }

    /// `[37/120] Bot/alpha: updated`.
    public var line: String {
        let width = String(total).count
        let count = String(repeating: " ", count: max(0, width - String(done).count)) + String(done)
        return "[\(count)/\(total)] \(address): \(adoption && outcome.recorded == .applied ? "adopted" : Self.word(action, outcome))"
    }

    static func word(_ action: Action, _ outcome: ApplyReport.Outcome) -> String {
        switch outcome {
        case .applied:
            switch action {
            case .create: "created"
            case .update: "updated"
            case .replace: "replaced"
            case .delete: "deleted"
            case .noOp: "unchanged"
            }
        case let .failed(error): "failed: \(error.message)"
        case let .skipped(because): "skipped (\(because) did not apply)"
        case .notStarted: "not started"
        }
    }
}

/// How a daemon pass ended, as `/api/v1/status`, the metrics and the log name it.
public enum PassResult: String, Sendable, Hashable, Codable, CaseIterable {
    /// Changes were applied; all of them succeeded.
    case applied
    /// Nothing to change (or nothing that could be read needed changing).
    case noChanges = "no-changes"
    /// A safety rail stopped the plan; nothing was changed.
    case refused
    /// Stopped before every change started.
    case cancelled
    /// Some changes failed, or no plan could be made.
    case failed
    /// Another replica leads; this one looked at nothing.
    case standby

    /// Worth a warning in the log, with the reason beside it.
    var isTrouble: Bool { self == .failed || self == .refused }

    /// Converged everything it could read.
    var converged: Bool { self == .applied || self == .noChanges }
}

import Synchronization

/// Tells a running apply to start no further change: set when the run is cancelled (a signal, the
/// daemon shutting down) or loses its state lock. Changes already in flight finish and are recorded.
public final class StopSignal: Sendable {
    /// Why the run stopped early.
    public enum Reason: String, Sendable, Hashable, Codable {
        case cancelled
        case lockLost = "lock-lost"
        /// What was applied could not be recorded (a full disk, a dropped database); nothing more starts.
        case stateUnwritable = "state-unwritable"
    }

    private let reason = Mutex<Reason?>(nil)

    public init() {}

    /// Stops the run; the first reason given is kept.
    public func stop(_ why: Reason = .cancelled) {
        reason.withLock { if $0 == nil { $0 = why } }
    }

    public var stopped: Reason? { reason.withLock { $0 } }
}

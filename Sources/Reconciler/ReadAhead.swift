/// What a driver began reading before its declarations were worked out (``Driver/readAhead(context:)``), handed
/// back to its ``Driver/observe(_:desired:context:)`` in ``DriverContext/readAhead``.
///
/// The read runs in a task of its own from the moment it is made; ``value(as:)`` waits for it. The planner cancels
/// every read ahead once its drivers have observed (one observe used is done by then, and cancelling it changes
/// nothing) and lets go of them off the caller's thread, since what they read may be large.
public struct ReadAhead: Sendable {
    private let task: Task<any Sendable, Never>

    /// Starts `read` now.
    public init<Value: Sendable>(_ read: @escaping @Sendable () async -> Value) {
        task = Task { await read() }
    }

    /// What the read gave, once it is done; nil when it gave something other than a `Value` (another
    /// driver's read, which a driver must then not use).
    public func value<Value: Sendable>(as type: Value.Type) async -> Value? {
        await task.value as? Value
    }

    /// Cancels the read if it is still going (a read no observe waited for); a finished one is left as it is.
    public func cancel() {
        task.cancel()
    }
}

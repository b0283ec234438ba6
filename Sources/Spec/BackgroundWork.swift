import Dispatch
import Synchronization

/// Work started on another thread now, whose result the starter waits for later: for a step that needs nothing
/// the steps beside it find, so the two run on two cores.
///
/// Waiting blocks the caller's thread; the work runs on Dispatch's global queue, never on the caller's pool.
public final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let done = DispatchSemaphore(value: 0)

    /// Starts `work` at once.
    public init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { self.finish(work()) }
    }

    private func finish(_ value: Value) {
        result.withLock { $0 = value }
        done.signal()
    }

    /// Waits for the work to end and returns what it made; once ended, it returns at once.
    public func value() -> Value {
        if let value = result.withLock({ $0 }) { return value }
        done.wait()
        done.signal()  // for a later caller of value()
        return result.withLock { $0! }
    }
}

import Dispatch
import Synchronization

/// Lets go of large values on another thread instead of the caller's. Freeing a plan's twelve thousand
/// observations, desired values and inventory entries took 40-60 ms of a converged Postgres plan, on the one core
/// the plan's last steps run on while the other idles; what the caller does next (render the plan, apply it,
/// answer a push) need not wait for it.
public enum DeferredRelease {
    /// Takes `value` over and drops it on a background queue. Memory another reference still holds is freed by
    /// whoever drops that one, as without this.
    public static func later<Value: Sendable>(_ value: consuming Value) {
        // Moved into the holder, so the queue's block holds the only reference this call had: it cannot be
        // dropped on the caller's thread after the block ran.
        let holder = Holder(consume value)
        DispatchQueue.global(qos: .utility).async { holder.drop() }
    }

    private final class Holder<Held: Sendable>: Sendable {
        private let held: Mutex<Held?>
        init(_ value: consuming Held) { held = Mutex(consume value) }
        func drop() { held.withLock { $0 = nil } }
    }
}

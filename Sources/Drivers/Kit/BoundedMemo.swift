import Synchronization

/// Values worked out once per distinct key and shared after that, for values that many resources of a
/// fleet have alike (the same rights on every bot): a shared value costs one copy, and a copy-on-write
/// collection handed out again is never copied. Holds at most `capacity` keys and starts afresh when
/// full, so a daemon's memory does not grow with every key it ever saw.
final class BoundedMemo<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private let capacity: Int
    private let known = Mutex<[Key: Value]>([:])

    init(capacity: Int = 256) {
        self.capacity = max(1, capacity)
    }

    /// The value remembered for `key`, or `make()`'s, remembered. `make` runs outside the lock: two
    /// callers with a new key at once may both run it, and either result is kept (they are equal).
    func value(for key: Key, _ make: () -> Value) -> Value {
        if let value = known.withLock({ $0[key] }) { return value }
        let value = make()
        known.withLock { known in
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[key] = value
        }
        return value
    }

    /// How many keys are remembered now.
    var count: Int { known.withLock { $0.count } }
}

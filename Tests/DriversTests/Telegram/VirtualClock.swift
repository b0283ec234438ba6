import Synchronization

/// A clock whose sleeps pass at once by moving its time to the deadline: pacing is measured in
/// virtual time, exactly and without waiting, however loaded the machine is.
final class VirtualClock: Clock, Sendable {
    struct Instant: InstantProtocol, Sendable {
        let offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let time = Mutex(Duration.zero)

    var now: Instant { Instant(offset: time.withLock { $0 }) }
    var minimumResolution: Duration { .nanoseconds(1) }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        time.withLock { $0 = max($0, deadline.offset) }
    }

    /// Lets real time pass for the paced code, as seconds between calls would.
    func advance(by duration: Duration) {
        time.withLock { $0 += duration }
    }
}

/// When the reconcile daemon runs its next pass, as a value the loop consults: no clock, no sleeping,
/// so every rule is testable exactly.
///
/// - A pass is due on start, every interval (jittered by up to ±`jitter` of it, so replicas and fleets
///   of daemons do not beat in step), on a push and on a manual request.
/// - Requests that arrive while a pass runs coalesce into one next pass: its trigger is the first of
///   them, and it is full when any of them asked for a full pass.
/// - A pass that failed in a way worth retrying is retried with exponential backoff and full jitter,
///   apart from the interval; the interval timer keeps its own pace.
/// - A pass that failed terminally (an invalid spec, a revoked token) is not retried: the schedule waits
///   for a request (a push brings a new revision) or the next interval.
public struct PassSchedule: Sendable {
    /// A full pass reads everything and heals all drift; a targeted pass converges what a push changed.
    public enum Scope: String, Sendable, Hashable, Codable {
        case full
        case targeted
    }

    /// A pass to run now.
    public struct Pass: Sendable, Hashable {
        public let trigger: RunInfo.Trigger
        public let scope: Scope
        /// Requests folded into this pass (1 when it had no company).
        public let coalesced: Int
        /// 0 for a first attempt; n for the n-th retry of a failed pass.
        public let retry: Int
    }

    /// How a pass ended, as far as scheduling cares.
    public enum Outcome: Sendable, Hashable {
        case succeeded
        /// Worth trying again soon (an engine down, the lock busy).
        case retryable
        /// Needs a new revision or secret; never retried on its own.
        case terminal
    }

    public let interval: Duration
    /// Fraction of the interval by which each wait is moved, both ways: 0.1 is ±10 %.
    public let jitter: Double
    public let retryBase: Duration
    public let retryMax: Duration

    private var pending: (trigger: RunInfo.Trigger, scope: Scope, count: Int)?
    private var running = false
    private var nextTimer: ContinuousClock.Instant
    private var nextRetry: ContinuousClock.Instant?
    private var failures = 0
    private var random: SeededRandom

    /// - Parameter seed: the jitter's random source; fixed in tests, random otherwise.
    public init(interval: Duration, jitter: Double = 0.1, retryBase: Duration = .seconds(2), retryMax: Duration = .seconds(300),
                start: ContinuousClock.Instant, seed: UInt64 = UInt64.random(in: 1...UInt64.max)) {
        self.interval = interval
        self.jitter = max(0, min(jitter, 0.5))
        self.retryBase = retryBase
        self.retryMax = max(retryBase, retryMax)
        random = SeededRandom(seed: seed)
        nextTimer = start
        // The pass on start.
        pending = (RunInfo.Trigger.start, .full, 1)
    }

    /// A pass is running, or one is due now.
    public var isBusy: Bool { running || pending != nil }

    /// A push (targeted) or a manual request (full) arrived.
    public mutating func request(_ trigger: RunInfo.Trigger, scope: Scope) {
        if let current = pending {
            pending = (current.trigger, current.scope == .full || scope == .full ? .full : .targeted, current.count + 1)
        } else {
            pending = (trigger, scope, 1)
        }
    }

    /// When the loop should look again: now when a pass is pending, else the earlier of the interval and a
    /// retry. Nil while a pass runs (the loop waits for it to finish).
    public func wakeAt(now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        guard !running else { return nil }
        if pending != nil { return now }
        return [nextTimer, nextRetry].compactMap { $0 }.min()
    }

    /// The pass to run at `now`, if one is due; marks it running.
    public mutating func start(now: ContinuousClock.Instant) -> Pass? {
        guard !running else { return nil }
        var retry = 0
        if pending == nil, let due = nextRetry, now >= due {
            pending = (.retry, .full, 1)
            retry = failures
        }
        if pending == nil, now >= nextTimer {
            pending = (.timer, .full, 1)
        }
        guard let due = pending else { return nil }
        pending = nil
        nextRetry = nil
        running = true
        return Pass(trigger: due.trigger, scope: due.scope, coalesced: due.count, retry: retry)
    }

    /// The running pass ended at `now`.
    public mutating func finish(_ outcome: Outcome, now: ContinuousClock.Instant) {
        running = false
        if nextTimer <= now { nextTimer = now + jittered(interval) }
        switch outcome {
        case .succeeded, .terminal:
            failures = 0
            nextRetry = nil
        case .retryable:
            failures += 1
            nextRetry = now + backoff(failures)
        }
    }

    /// Exponential backoff with full jitter: 0 ... min(base * 2^(n-1), max).
    mutating func backoff(_ failures: Int) -> Duration {
        let ceiling = min(retryBase * (1 << min(max(failures - 1, 0), 20)), retryMax)
        return ceiling * random.unit()
    }

    private mutating func jittered(_ duration: Duration) -> Duration {
        duration * (1 + jitter * (2 * random.unit() - 1))
    }
}

extension RunInfo.Trigger {
    /// The daemon's pass on start.
    public static let start = RunInfo.Trigger(rawValue: "start")
    /// A retry of a pass that failed.
    public static let retry = RunInfo.Trigger(rawValue: "retry")
}

/// SplitMix64: a small, seedable generator, so a schedule's jitter can be replayed in a test.
struct SeededRandom: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in [0, 1).
    mutating func unit() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}

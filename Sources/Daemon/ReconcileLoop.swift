import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Synchronization

/// The daemon's reconcile loop: runs a pass whenever its ``PassSchedule`` says one is due, reading the
/// configuration afresh each time (a new commit on the tracked branch is picked up by the next pass),
/// applying without asking and applying what could be read when something could not (a partial plan).
///
/// Requests (a push, `POST /api/v1/reconcile`) only mark a pass due; they never run one themselves, so
/// passes never overlap and a burst of requests becomes one pass.
public actor ReconcileLoop {
    /// How the configuration is read for each pass.
    public typealias SourceFactory = @Sendable () throws -> any ConfigSource

    /// The latest pass, for `/api/v1/status` and `/readyz`.
    public struct PassReport: Sendable, Codable {
        public let trigger: String
        public let scope: String
        public let startedAt: Date
        public let finishedAt: Date
        public let result: PassResult
        public let revision: String?
        public let changes: Int
        public let failures: Int
        public let message: String?
        public let coalesced: Int
    }

    var schedule: PassSchedule
    let source: SourceFactory
    let stateOverride: String?
    /// The command line's overrides (deletions allowed, adoptions); partial plans are always applied.
    let options: PlanOptions
    let logger: Logger
    private var wake: CheckedContinuation<Void, Never>?
    private var stopped = false
    /// Set once the loop is asked to stop: long-lived answers (the page's live stream) end then, so the
    /// server's graceful shutdown is not held open by a browser.
    public var isStopping: Bool { stopped }
    var current: StopSignal?
    /// Held while this daemon leads its state store's replicas (see ``LeadershipStore``).
    var leadership: (held: any StateLock, store: String)?
    /// The store whose roll of replicas this daemon is on.
    var rollStore: (any LeadershipStore)?
    /// `leader` or `standby` once a pass has looked; `single` when the store has no leadership.
    public internal(set) var role: Role?
    /// The replica that leads when this one stands by, as it recorded itself.
    public internal(set) var leader: RunInfo?
    /// This daemon, as it names itself in the leadership record.
    let replica = RunInfo(trigger: .daemon)
    /// The store of the last configuration that loaded: where a revision that does not load is recorded.
    var lastStore: (any StateStore)?
    /// The last configuration recorded as not loading (its revision, or a folder's problems), so each
    /// is in the history once, not every interval.
    var recordedInvalid: String?
    public internal(set) var last: PassReport?
    /// The latest passes, newest last, at most ``recentPassLimit``: the fleet page's list.
    public internal(set) var recentPasses: [PassReport] = []
    static let recentPassLimit = 20
    /// How far back a replica's first full pass reads container exits; the log keeps each exit once however often it is read.
    static let activityLookBack: TimeInterval = 3600
    /// How far behind now a pass's window of container exits ends: an engine writes an event just after the fact.
    static let activitySettle: TimeInterval = 1
    /// Subjects, authors and times of the revisions the page names (applied and target), by full id.
    public internal(set) var commits: [String: CommitSummary] = [:]
    /// Each resource's sync state and each webhook's health, as the passes saw them.
    public internal(set) var fleet = FleetStatus()
    /// What `/metrics` shows.
    public nonisolated let metrics: DaemonMetrics
    public internal(set) var passes = 0
    /// Sends notices to the Project's channels; nil sends none.
    let notifier: NotificationDispatcher?
    /// The page of a revision, for notices.
    let commitLink: CommitLink?
    /// The last configuration that loaded: its channels also hear of one that does not.
    var notificationState: DesiredState?
    /// Each webhook's delivery error last told about, so one error is one notice.
    var seenWebhookErrors: [String: Date] = [:]
    /// The degraded resources the last pass reported, to tell which became degraded or recovered.
    var degradedWatch = DegradedWatch()
    /// What changed since the last pass, for the event log.
    var eventWatch = EventWatch()
    /// Where the last full pass's ``ActivityWindow`` ended: the next one starts there, so a container's exit
    /// is read once. Nil until this replica leads a full pass.
    var activityRead: Date?
    /// Counts finished passes, each with its events recorded: the page's live stream tells the browser when it moves.
    public internal(set) var updates = 0
    let session: FleetSession

    public init(schedule: PassSchedule, session: FleetSession, state: String? = nil, options: PlanOptions = PlanOptions(),
                logger: Logger, metrics: DaemonMetrics = DaemonMetrics(), notifier: NotificationDispatcher? = nil,
                commitLink: CommitLink? = nil, source: @escaping SourceFactory) {
        self.metrics = metrics
        self.notifier = notifier
        self.commitLink = commitLink
        self.session = session
        var options = options
        options.allowPartial = true
        self.options = options
        self.schedule = schedule
        self.source = source
        self.stateOverride = state
        self.logger = logger
    }

    /// Pass requests received since start (pushes, `POST /api/v1/reconcile`): a refused delivery adds none.
    public private(set) var requests = 0

    /// No pass is running and none is due: everything requested so far has been served.
    public var idle: Bool { !schedule.isBusy }

    /// Marks a pass due (coalesced with any already due) and wakes the loop.
    public func request(_ trigger: RunInfo.Trigger, scope: PassSchedule.Scope) {
        requests += 1
        schedule.request(trigger, scope: scope)
        wakeUp()
    }

    /// Ends the loop: the pass in flight lets its changes finish and starts no more.
    public func stop() {
        stopped = true
        current?.stop(.cancelled)
        wakeUp()
    }

    /// The state store the passes use, for the history and restart endpoints.
    private func store() async throws -> (any StateStore, DesiredState, any ConfigSource) {
        let configSource = try await BlockingWork.run(source)
        let state = try await BlockingWork.run { [session] in try session.load(configSource) }
        return (try session.store(for: state, source: configSource, override: stateOverride), state, configSource)
    }

    /// The most recent runs, newest first, from the state store the last pass used (so a request costs no
    /// configuration load: a second of CPU for 10,000 documents), or, before any pass, the configuration's.
    public func history(limit: Int) async throws -> [RunRecord] {
        if let lastStore { return try await lastStore.history(limit: limit) }
        return try await store().0.history(limit: limit)
    }

    /// The event log of the state store the passes use (the last one a pass opened, so a request costs no
    /// configuration load), also on a standby: every replica reads the same log.
    public func eventLog() async throws -> any EventStore {
        if let lastStore { return try lastStore.eventLog() }
        return try await store().0.eventLog()
    }

    /// Restarts a live object botops owns (see ``ResourceRestart``), waiting up to 30 s for a pass's lock.
    public func restart(_ address: ResourceAddress) async throws -> RestartOutcome {
        let (store, state, _) = try await store()
        guard let driver = session.catalog.driver(for: address.kind, project: state.project, logger: logger) as? any RestartingDriver else {
            throw SessionError(.notOwned, "botops cannot restart a \(address.kind): its driver has no restart")
        }
        return try await ResourceRestart(driver: driver, state: state, store: store, secrets: session.secrets, logger: logger)
            .restart(address, lockTimeout: .seconds(30), trigger: .manual)
    }

    /// True once a first pass finished, whatever its result.
    public var ready: Bool { last != nil }

    /// Runs passes until ``stop()``, then gives up leadership.
    public func run() async {
        metrics.started(interval: schedule.interval)
        while !stopped {
            let now = ContinuousClock.now
            if let pass = schedule.start(now: now) {
                let outcome = await runPass(pass)
                schedule.finish(outcome, now: .now)
                continue
            }
            guard let due = schedule.wakeAt(now: now) else { continue }
            await sleep(until: due)
        }
        await resign()
    }

    private func wakeUp() {
        wake?.resume()
        wake = nil
    }

    /// Sleeps until `deadline` or a request, whichever comes first.
    private func sleep(until deadline: ContinuousClock.Instant) async {
        let timer = Task { [weak self] in
            // Cancelled when a request woke the loop first; waking it once more is then harmless.
            try? await Task.sleep(until: deadline, clock: .continuous)
            await self?.wakeUp()
        }
        await withCheckedContinuation { continuation in
            if stopped {
                continuation.resume()
            } else {
                wake = continuation
            }
        }
        timer.cancel()
    }
}

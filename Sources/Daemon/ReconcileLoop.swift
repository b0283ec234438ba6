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
        /// `applied`, `no-changes`, `refused`, `cancelled`, `failed`, or `standby` (another replica leads).
        public let result: String
        public let revision: String?
        public let changes: Int
        public let failures: Int
        public let message: String?
        public let coalesced: Int
    }

    private var schedule: PassSchedule
    private let source: SourceFactory
    private let stateOverride: String?
    /// The command line's overrides (deletions allowed, adoptions); partial plans are always applied.
    private let options: PlanOptions
    let logger: Logger
    private var wake: CheckedContinuation<Void, Never>?
    private var stopped = false
    private var current: StopSignal?
    /// Held while this daemon leads its state store's replicas (see ``LeadershipStore``).
    var leadership: (held: any StateLock, store: String)?
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
    public private(set) var last: PassReport?
    /// Each resource's sync state and each webhook's health, as the passes saw them.
    public private(set) var fleet = FleetStatus()
    /// What `/metrics` shows.
    public nonisolated let metrics: DaemonMetrics
    public private(set) var passes = 0
    /// Sends notices to the Project's channels; nil sends none.
    let notifier: NotificationDispatcher?
    /// The page of a revision, for notices.
    let commitLink: CommitLink?
    /// The last configuration that loaded: its channels also hear of one that does not.
    var notificationState: DesiredState?
    /// Each webhook's delivery error last told about, so one error is one notice.
    var seenWebhookErrors: [String: Date] = [:]
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

    /// Marks a pass due (coalesced with any already due) and wakes the loop.
    public func request(_ trigger: RunInfo.Trigger, scope: PassSchedule.Scope) {
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
    private func store() throws -> (any StateStore, DesiredState, any ConfigSource) {
        let configSource = try source()
        let state = try FleetSession.load(configSource, limits: session.limits)
        return (try FleetSession.store(for: state, source: configSource, override: stateOverride), state, configSource)
    }

    /// The most recent runs, newest first.
    public func history(limit: Int) async throws -> [RunRecord] {
        try await store().0.history(limit: limit)
    }

    /// Restarts a live object botops owns (see ``ResourceRestart``), waiting up to 30 s for a pass's lock.
    public func restart(_ address: ResourceAddress) async throws -> RestartOutcome {
        let (store, state, _) = try store()
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
                let outcome = await run(pass)
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

    /// One line per change: the address, what was done, how it ended, the revision and the trigger.
    private func logChanges(_ plan: Plan, _ report: ApplyReport, revision: String?, trigger: RunInfo.Trigger) {
        for change in plan.actionable {
            let outcome = report.outcomes[change.address] ?? .notStarted
            var metadata: Logger.Metadata = [
                "resource": "\(change.address)", "action": "\(change.action.rawValue)", "outcome": "\(outcome.name)",
                "revision": "\(revision ?? "folder")", "trigger": "\(trigger)",
            ]
            if case let .failed(error) = outcome { metadata["error"] = "\(error.message)" }
            logger.log(level: outcome.name == "applied" ? .info : .warning, "change", metadata: metadata)
        }
    }

    /// The fleet gauges and drift counters of a pass that planned; returns the drift it healed.
    private func noteFleet(_ ended: SessionResult, bots: [String: String]) -> [ResourceAddress] {
        let drift = ended.plan.drift, report = ended.report
        let healed = drift.map(\.address).filter { address in
            if case .applied = report?.outcomes[address] { return true }
            return false
        }
        metrics.fleet(fleet, drift: drift, healed: Set(healed), bots: bots)
        return healed
    }

    private func run(_ pass: PassSchedule.Pass) async -> PassSchedule.Outcome {
        let started = Date()
        let stop = StopSignal()
        current = stop
        defer { current = nil }
        passes += 1
        var outcome = PassSchedule.Outcome.succeeded
        var result = "failed", revision: String?, changes = 0, failures = 0, message: String?
        var scope = PassSchedule.Scope.full
        var configSource: (any ConfigSource)?
        var made: [(kind: String, action: String, outcome: String)] = []
        var notices: [Notice] = []
        do {
            let opened = try source()
            configSource = opened
            var request = FleetSession.Request(source: opened, state: stateOverride, options: options)
            request.run = RunInfo(trigger: pass.trigger)
            request.options.targeted = pass.scope == .targeted
            request.lockTimeout = .seconds(30)
            let prepared = try session.prepare(request)
            revision = prepared.state.revision
            lastStore = prepared.engine.store
            notificationState = prepared.state
            let project = prepared.state.project.metadata.name
            let roleBefore = role
            let leads = try await lead(prepared.engine.store)
            if let changed = leadershipNotice(was: roleBefore, project: project, revision: revision) { notices.append(changed) }
            guard leads else {
                // A standby looks again at its next interval: a dead leader is replaced within one.
                let report = PassReport(trigger: pass.trigger.rawValue, scope: pass.scope.rawValue, startedAt: started,
                                        finishedAt: Date(), result: "standby", revision: revision, changes: 0, failures: 0,
                                        message: leader.map { "\($0.host) pid \($0.pid) leads" } ?? "another replica leads",
                                        coalesced: pass.coalesced)
                last = report
                metrics.record(report, duration: .seconds(report.finishedAt.timeIntervalSince(started)), changes: [])
                await send(notices)
                return .succeeded
            }
            let bots = Dictionary(prepared.state.webhooks.map { ($0.metadata.name, $0.bot) }, uniquingKeysWith: { first, _ in first })
            let ended = try await prepared.apply(stop: stop, approve: { _ in true })
            // A targeted pass falls back to a full one when the applied revision cannot be read.
            if ended.plan.targetedSince != nil { scope = .targeted }
            switch ended {
            case let .applied(plan, report):
                logChanges(plan, report, revision: revision, trigger: pass.trigger)
                made = plan.actionable.map { change in
                    (change.address.kind.rawValue, change.action.rawValue, (report.outcomes[change.address] ?? .notStarted).name)
                }
                fleet.note(plan, report: report)
                result = report.succeeded ? "applied" : "failed"
                changes = plan.actionable.count
                failures = report.failures.count + plan.unknown.count
                if !report.succeeded { outcome = .retryable }
            case let .noChanges(plan):
                fleet.note(plan, report: nil)
                result = "no-changes"
                failures = plan.unknown.count
                if plan.isPartial { outcome = plan.unknown.allSatisfy(\.code.isTerminal) ? .terminal : .retryable }
            case let .refused(plan, refusals):
                fleet.note(plan, report: nil)
                result = "refused"
                message = refusals.map(\.message).joined(separator: "; ")
                failures = plan.unknown.count
                outcome = .terminal
            case let .cancelled(plan, report):
                fleet.note(plan, report: report)
                result = "cancelled"
                changes = plan.actionable.count
            case .planned, .declined:
                result = "no-changes"
            }
            let healed = noteFleet(ended, bots: bots)
            notices += self.notices(ended, result: result, message: message, healed: healed, project: project, revision: revision)
        } catch let error as SessionError {
            message = error.message
            outcome = error.isTerminal ? .terminal : .retryable
            if error.code == .invalidConfiguration || error.code == .sourceUnavailable {
                revision = configSource?.revision
                let invalid = error.code == .invalidConfiguration
                fleet.noteUnloadable(revision: revision)
                let problems = Self.problems(error)
                if !problems.isEmpty { message = ([error.message] + problems).joined(separator: "\n") }
                // A fetch that failed says nothing about the revision; only a configuration that does not load is history.
                let recordedBefore = recordedInvalid
                if invalid { await recordUnloadable(revision: revision, trigger: pass.trigger, errors: [error.message] + problems) }
                // An invalid revision is news once.
                if invalid, recordedInvalid != recordedBefore,
                   let failed = unloadableNotice(revision: revision, message: ([error.message] + problems).joined(separator: "; ")) {
                    notices.append(failed)
                }
            }
            // Anything else that stopped the pass (a fetch, the state store) is told again after the window.
            if error.code != .invalidConfiguration, role != .standby,
               let failed = unloadableNotice(revision: revision ?? configSource?.revision, message: error.message) {
                notices.append(failed)
            }
        } catch {
            message = "\(error)"
            outcome = .retryable
            if role != .standby, let failed = unloadableNotice(revision: revision, message: "\(error)") { notices.append(failed) }
        }
        let report = PassReport(trigger: pass.trigger.rawValue, scope: scope.rawValue, startedAt: started, finishedAt: Date(),
                                result: result, revision: revision, changes: changes, failures: failures, message: message,
                                coalesced: pass.coalesced)
        last = report
        metrics.record(report, duration: .seconds(report.finishedAt.timeIntervalSince(started)), changes: made)
        if let applied = fleet.appliedRevision { metrics.appliedRevision(applied) }
        await send(notices)
        var metadata: Logger.Metadata = [
            "trigger": "\(report.trigger)", "result": "\(result)", "revision": "\(revision ?? "folder")",
            "changes": "\(changes)", "failures": "\(failures)",
        ]
        // Why a pass failed or was refused is in the log, not only in the status endpoint.
        if result == "failed" || result == "refused", let message { metadata["error"] = "\(Self.short(message))" }
        logger.log(level: result == "failed" || result == "refused" ? .warning : .info, "pass finished", metadata: metadata)
        return outcome
    }
}

import Drivers
import Foundation
import Logging
import Reconciler
import Spec

extension ReconcileLoop {
    /// One pass: read the configuration, lead or stand by, plan and apply, then report, count and notify.
    func runPass(_ pass: PassSchedule.Pass) async -> PassSchedule.Outcome {
        let started = Date()
        let stop = StopSignal()
        current = stop
        defer { current = nil }
        passes += 1
        await session.catalog.reopenEndpoints()
        var summary = PassSummary()
        var configSource: (any ConfigSource)?
        do {
            let opened = try await BlockingWork.run(source)
            configSource = opened
            try await attempt(pass, source: opened, stop: stop, into: &summary)
        } catch let error as SessionError {
            await stopped(by: error, source: configSource, trigger: pass.trigger, into: &summary)
        } catch {
            summary.message = "\(error)"
            summary.outcome = .retryable
            if role != .standby, let failed = unloadableNotice(revision: summary.revision, message: "\(error)") {
                summary.notices.append(failed)
            }
        }
        await finish(pass, summary, started: started)
        return summary.outcome
    }

    /// Plans and applies `opened` if this replica leads, noting the fleet and the notices owed.
    private func attempt(_ pass: PassSchedule.Pass, source opened: any ConfigSource, stop: StopSignal,
                         into summary: inout PassSummary) async throws {
        var request = FleetSession.Request(source: opened, state: stateOverride, options: options)
        request.run = RunInfo(trigger: pass.trigger)
        request.options.targeted = pass.scope == .targeted
        request.options.digest = false
        // A full pass reads what happened to containers since the last one; a targeted pass reads only some.
        let window = pass.scope == .targeted ? nil : activityWindow()
        request.options.activity = window
        request.lockTimeout = .seconds(30)
        // Loading is a second of CPU for 10,000 documents: off the actor, so status questions are answered meanwhile.
        let prepared = try await BlockingWork.run { [session, request] in try session.prepare(request) }
        summary.revision = prepared.state.revision
        lastStore = prepared.engine.store
        notificationState = prepared.state
        let project = prepared.state.project.metadata.name
        let roleBefore = role
        let leads = try await lead(prepared.engine.store)
        if let changed = leadershipNotice(was: roleBefore, project: project, revision: summary.revision) {
            summary.notices.append(changed)
        }
        guard leads else {
            // A standby looks again at its next interval: a dead leader is replaced within one.
            summary.result = .standby
            summary.scope = pass.scope
            summary.message = leader.map { "\($0.host) pid \($0.pid) leads" } ?? "another replica leads"
            return
        }
        let bots = Dictionary(prepared.state.webhooks.map { ($0.metadata.name, $0.bot) }, uniquingKeysWith: { first, _ in first })
        let ended = try await prepared.apply(stop: stop, approve: { _ in true })
        if let window, ended.plan.targetedSince == nil { activityRead = window.until }
        learnCommits([summary.revision, ended.plan.appliedRevision, fleet.appliedRevision].compactMap { $0 }, from: opened)
        // A targeted pass falls back to a full one when the applied revision cannot be read.
        if ended.plan.targetedSince != nil { summary.scope = .targeted }
        if case let .applied(plan, report) = ended { logChanges(plan, report, revision: summary.revision, trigger: pass.trigger) }
        fleet.note(ended.plan, report: ended.report)
        summary.absorb(ended)
        let healed = noteFleet(ended, bots: bots)
        let degraded = degradedWatch.changes(in: fleet)
        summary.notices += notices(ended, result: summary.result, message: summary.message, healed: healed, degraded: degraded,
                                   project: project, revision: summary.revision)
        summary.events = eventWatch.events(of: EventWatch.Pass(
            plan: ended.plan, report: ended.report, fleet: fleet, degraded: degraded, bots: BotIndex(prepared.state),
            backlogThreshold: prepared.state.project.events.backlogThreshold, revision: summary.revision))
        summary.eventRetentionDays = prepared.state.project.events.retentionDays
    }

    /// Since the last full pass's window (or, for this replica's first, the last hour), up to a moment ago.
    private func activityWindow(now: Date = Date()) -> ActivityWindow {
        let until = now.addingTimeInterval(-Self.activitySettle)
        return ActivityWindow(since: activityRead ?? until.addingTimeInterval(-Self.activityLookBack), until: until)
    }

    /// Reads the subject, author and time of revisions not known yet, for the page; one that cannot be read
    /// is simply not shown with them.
    private func learnCommits(_ revisions: [String], from source: any ConfigSource) {
        guard let versioned = source as? any VersionedConfigSource else { return }
        for revision in Set(revisions) where commits[revision] == nil {
            do {
                commits[revision] = try versioned.commit(revision)
            } catch {
                logger.debug("a commit's subject could not be read", metadata: ["revision": "\(revision.prefix(12))", "error": "\(error)"])
            }
        }
        // Only the revisions still named are kept.
        let named = Set(revisions + [fleet.appliedRevision, fleet.targetRevision].compactMap { $0 })
        commits = commits.filter { named.contains($0.key) }
    }

    /// A pass that could not plan: a configuration that does not load is recorded (and told) once; a
    /// fetch or a state store that failed is told again after the window.
    private func stopped(by error: SessionError, source configSource: (any ConfigSource)?, trigger: RunInfo.Trigger,
                         into summary: inout PassSummary) async {
        summary.message = error.message
        summary.outcome = error.isTerminal ? .terminal : .retryable
        if error.code == .invalidConfiguration || error.code == .sourceUnavailable {
            summary.revision = configSource?.revision
            let invalid = error.code == .invalidConfiguration
            fleet.noteUnloadable(revision: summary.revision)
            let problems = Self.problems(error)
            if !problems.isEmpty { summary.message = ([error.message] + problems).joined(separator: "\n") }
            let recordedBefore = recordedInvalid
            if invalid { await recordUnloadable(revision: summary.revision, trigger: trigger, errors: [error.message] + problems) }
            if invalid, recordedInvalid != recordedBefore,
               let failed = unloadableNotice(revision: summary.revision, message: ([error.message] + problems).joined(separator: "; ")) {
                summary.notices.append(failed)
            }
        }
        if error.code != .invalidConfiguration, role != .standby,
           let failed = unloadableNotice(revision: summary.revision ?? configSource?.revision, message: error.message) {
            summary.notices.append(failed)
        }
    }

    /// Keeps the pass as the latest, counts it, sends its notices and logs how it ended.
    private func finish(_ pass: PassSchedule.Pass, _ summary: PassSummary, started: Date) async {
        let report = PassReport(trigger: pass.trigger.rawValue, scope: summary.scope.rawValue, startedAt: started, finishedAt: Date(),
                                result: summary.result, revision: summary.revision, changes: summary.changes,
                                failures: summary.failures, message: summary.message, coalesced: pass.coalesced)
        last = report
        recentPasses = Array((recentPasses + [report]).suffix(Self.recentPassLimit))
        defer { updates += 1 }
        await record(summary.events, retentionDays: summary.eventRetentionDays)
        metrics.record(report, duration: .seconds(report.finishedAt.timeIntervalSince(started)), changes: summary.made)
        // A standby's pass applied nothing and says nothing more than its report.
        guard summary.result != .standby else {
            await send(summary.notices)
            return
        }
        if let applied = fleet.appliedRevision { metrics.appliedRevision(applied) }
        await send(summary.notices)
        var metadata: Logger.Metadata = [
            "trigger": "\(report.trigger)", "result": "\(summary.result.rawValue)", "revision": "\(summary.revision ?? "folder")",
            "changes": "\(summary.changes)", "failures": "\(summary.failures)",
        ]
        // Why a pass failed or was refused is in the log, not only in the status endpoint.
        // So is what a partial pass could not read: a system that is down is named in the log once a pass.
        let trouble = summary.result.isTrouble || summary.outcome != .succeeded
        if trouble, let message = summary.message { metadata["error"] = "\(Self.short(message))" }
        logger.log(level: trouble ? .warning : .info, "pass finished", metadata: metadata)
    }

    /// Writes a pass's events to the event log of its state store. The log is for people: a store that
    /// cannot take them is logged and counted, and never fails the pass.
    private func record(_ events: [FleetEvent], retentionDays: Int) async {
        guard !events.isEmpty else { return }
        for event in events {
            logger.info("event", metadata: ["kind": "\(event.kind.rawValue)", "resource": "\(event.resource)",
                                            "bot": "\(event.bot ?? "-")", "text": "\(Self.short(event.text))"])
        }
        guard let store = lastStore else { return }
        do {
            try await store.eventLog().append(events, retentionDays: retentionDays)
            metrics.eventsRecorded(events)
        } catch {
            metrics.eventLogFailed()
            logger.warning("the event log could not be written", metadata: ["store": "\(store)", "error": "\(error)"])
        }
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
            logger.log(level: outcome.recorded == .applied ? .info : .warning, "change", metadata: metadata)
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
}

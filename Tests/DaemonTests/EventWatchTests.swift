@testable import Daemon
import Foundation
import Reconciler
import Spec
import Testing

/// The event log records what changed between passes, never what is merely still true: a webhook error once
/// per error (keyed by Telegram's time, so it is kept after Telegram clears it), a backlog each time it crosses
/// the threshold, a container turning unhealthy or found stopped, a failed change, drift found once and healed,
/// a right lost and regained; each with its bot.
@Suite("Daemon: the event log records what changed between passes", .timeLimit(.minutes(5)))
struct EventWatchTests {
    let webhook = ResourceAddress(.webhook, "alpha-hook")
    let worker = ResourceAddress(.container, "alpha-worker")
    let bots = BotIndex(nil)

    func webhookChange(pending: Int, errorAt: Int?, error: String? = nil) -> Change {
        var change = Change(address: webhook, action: .noOp)
        var details: [String: JSONValue] = ["pending_update_count": .int(pending)]
        if let errorAt { details["last_error_date"] = .int(errorAt) }
        if let error { details["last_error_message"] = .string(error) }
        change.details = .object(details)
        return change
    }

    func pass(_ changes: [Change], report: ApplyReport? = nil, degraded: [DegradedWatch.Change] = [],
              applied: String? = "r1", threshold: Int = 100) -> EventWatch.Pass {
        var plan = Plan(revision: "r1", changes: changes)
        plan.appliedRevision = applied
        var fleet = FleetStatus()
        fleet.note(plan, report: report)
        return EventWatch.Pass(plan: plan, report: report, fleet: fleet, degraded: degraded, bots: bots,
                               backlogThreshold: threshold, revision: "r1")
    }

    @Test func aWebhookErrorIsOneEventKeyedByItsTimeAndKeptAfterItClears() {
        var watch = EventWatch()
        #expect(watch.events(of: pass([webhookChange(pending: 0, errorAt: nil)])).isEmpty)
        let first = watch.events(of: pass([webhookChange(pending: 4, errorAt: 1_796_000_000, error: "Connection refused")]))
        #expect(first.map(\.kind) == [.webhookError])
        #expect(first.first?.id == "webhook-error:alpha-hook:1796000000", "the same error read elsewhere is the same event")
        #expect(first.first?.at == Date(timeIntervalSince1970: 1_796_000_000), "dated when Telegram saw it")
        #expect(first.first?.text.contains("Connection refused") == true)
        #expect(watch.events(of: pass([webhookChange(pending: 4, errorAt: 1_796_000_000, error: "Connection refused")])).isEmpty,
                "read again, it is not news")
        #expect(watch.events(of: pass([webhookChange(pending: 0, errorAt: nil)])).isEmpty, "Telegram clearing it records nothing")
        var restarted = EventWatch()
        #expect(restarted.events(of: pass([webhookChange(pending: 4, errorAt: 1_796_000_000, error: "x")])).first?.id == first.first?.id,
                "a restarted daemon makes the same id, so the log keeps it once")
    }

    @Test func aBacklogIsAnEventEachTimeItCrossesTheThreshold() {
        var watch = EventWatch()
        #expect(watch.events(of: pass([webhookChange(pending: 10, errorAt: nil)], threshold: 50)).isEmpty)
        let over = watch.events(of: pass([webhookChange(pending: 51, errorAt: nil)], threshold: 50))
        #expect(over.map(\.kind) == [.backlog])
        #expect(over.first?.text.contains("51 updates") == true)
        #expect(watch.events(of: pass([webhookChange(pending: 80, errorAt: nil)], threshold: 50)).isEmpty, "still over is not news")
        #expect(watch.events(of: pass([webhookChange(pending: 3, errorAt: nil)], threshold: 50)).isEmpty)
        #expect(watch.events(of: pass([webhookChange(pending: 60, errorAt: nil)], threshold: 50)).map(\.kind) == [.backlog])
    }

    @Test func aContainerTurningUnhealthyIsOneEvent() {
        var watch = EventWatch()
        func container(_ health: LiveStatus.Health) -> Change {
            var change = Change(address: worker, action: .noOp)
            change.health = health
            return change
        }
        #expect(watch.events(of: pass([container(.healthy)])).isEmpty)
        #expect(watch.events(of: pass([container(.unhealthy)])).map(\.kind) == [.containerUnhealthy])
        #expect(watch.events(of: pass([container(.unhealthy)])).isEmpty)
        #expect(watch.events(of: pass([container(.healthy)])).isEmpty)
        #expect(watch.events(of: pass([container(.unhealthy)])).map(\.kind) == [.containerUnhealthy], "again after it recovered")
    }

    @Test func aContainerFoundStoppedAndStartedAgain() {
        var watch = EventWatch()
        let start = Change(address: worker, action: .update, fields: [FieldChange(path: "state", before: "stopped", after: "running")])
        let report = ApplyReport(outcomes: [worker: .applied(writes: 1)], actions: [worker: .update])
        let events = watch.events(of: pass([start], report: report))
        #expect(events.map(\.kind) == [.containerExited])
        #expect(events.first?.text == "the container was found stopped; started again")
        #expect(watch.events(of: pass([start], report: report, applied: "r0")).isEmpty,
                "after a new revision, the change may be the declaration's own, not an exit")
    }

    func exited(_ codes: [Int], startedAgain: Bool, fields: [FieldChange] = []) -> Change {
        var change = Change(address: worker, action: fields.isEmpty ? .noOp : .update, fields: fields)
        change.details = .object(["exits": .array(codes.enumerated().map { index, code in
            .object(["id": .string("container-exit:c1:\(index)"), "at_ms": .int(1_796_000_000_000 + index * 1000), "exit_code": .int(code),
                     "out_of_memory": .bool(code == 137), "started_again": .bool(startedAgain)])
        })])
        return change
    }

    @Test func aRestartBetweenPassesIsOneEventKeyedByTheEngine() {
        var watch = EventWatch()
        let restarted = watch.events(of: pass([exited([1, 137], startedAgain: true)]))
        #expect(restarted.map(\.kind) == [.containerRestarted, .containerRestarted])
        #expect(restarted.map(\.id) == ["container-exit:c1:0", "container-exit:c1:1"])
        #expect(restarted.first?.at == Date(timeIntervalSince1970: 1_796_000_000), "dated when the engine saw it")
        #expect(restarted.first?.text == "the container exited with code 1 and was started again")
        #expect(restarted.last?.text == "the container exited with code 137, out of memory and was started again")
        #expect(watch.events(of: pass([exited([2], startedAgain: false)])).isEmpty, "an exit of a container not found stopped is not told")
    }

    @Test func aContainerFoundStoppedSaysHowItExited() {
        var watch = EventWatch()
        let start = [FieldChange(path: "state", before: "stopped", after: "running")]
        let report = ApplyReport(outcomes: [worker: .applied(writes: 1)], actions: [worker: .update])
        let healed = watch.events(of: pass([exited([2], startedAgain: false, fields: start)], report: report))
        #expect(healed.map(\.kind) == [.containerExited])
        #expect(healed.first?.text == "the container was found stopped: it exited with code 2; started again")
        #expect(healed.first?.id == "container-exit:c1:0", "keyed by its exit, so kept once")
        let folder = watch.events(of: pass([exited([2], startedAgain: false, fields: start)], report: report, applied: nil))
        #expect(folder.map(\.text) == ["the container was found stopped: it exited with code 2; started again"],
                "told where the plan cannot call it drift, as its engine said it exited")
    }

    @Test func aCrashLoopIsToldNotCopiedOut() {
        var watch = EventWatch()
        let events = watch.events(of: pass([exited(Array(repeating: 1, count: 25), startedAgain: true)]))
        #expect(events.count == EventWatch.exitsPerPass)
        #expect(events.first?.text.contains("after 15 more restarts since the last pass") == true)
        #expect(events.last?.id == "container-exit:c1:24", "the newest are kept")
    }

    @Test func driftIsFoundOnceAndHealedOnce() {
        var watch = EventWatch()
        let drift = Change(address: webhook, action: .update, fields: [FieldChange(path: "max_connections", before: .int(10), after: .int(40))])
        let failed = ApplyReport(outcomes: [webhook: .failed(ResourceError(address: webhook, code: .applyFailed, message: "Too Many Requests"))],
                                 actions: [webhook: .update])
        let first = watch.events(of: pass([drift], report: failed))
        #expect(first.map(\.kind) == [.applyFailed, .driftFound])
        #expect(first.first?.text == "update failed: Too Many Requests")
        #expect(first.last?.text == "changed outside botops: max_connections; not set back yet")
        #expect(watch.events(of: pass([drift], report: failed)).map(\.kind) == [.applyFailed], "the drift is told once while it lasts")
        let healed = watch.events(of: pass([drift], report: ApplyReport(outcomes: [webhook: .applied(writes: 1)], actions: [webhook: .update])))
        #expect(healed.map(\.kind) == [.driftHealed])
        #expect(healed.first?.text == "changed outside botops: max_connections; set back")
    }

    @Test func aRightLostAndRegained() {
        var watch = EventWatch()
        let news = ResourceAddress(.channel, "news")
        let lost = watch.events(of: pass([], degraded: [.init(address: news, text: "degraded: Bot/alpha lacks Edit messages", recovered: false)]))
        #expect(lost.map(\.kind) == [.rightLost])
        #expect(lost.first?.kind.isTrouble == true)
        let back = watch.events(of: pass([], degraded: [.init(address: news, text: "what it lacked is there again", recovered: true)]))
        #expect(back.map(\.kind) == [.rightRegained])
        #expect(back.first?.kind.isTrouble == false)
    }

    @Test func eachEventNamesItsBot() throws {
        let result = SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "bot.yaml", text: "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: alpha}\nspec:\n  token: {fromEnv: ALPHA_TOKEN}\n"),
            SourceFile(path: "hook.yaml", text: """
                apiVersion: botops/v1
                kind: Webhook
                metadata: {name: alpha-hook}
                spec: {bot: alpha, url: "https://example.org/hook", secretToken: {fromEnv: HOOK_SECRET}}

                """),
        ])
        let state = try #require(result.state, "\(result.diagnostics)")
        var watch = EventWatch()
        var plan = Plan(revision: "r1", changes: [webhookChange(pending: 500, errorAt: nil)])
        plan.appliedRevision = "r1"
        var fleet = FleetStatus()
        fleet.note(plan, report: nil)
        let events = watch.events(of: EventWatch.Pass(plan: plan, report: nil, fleet: fleet, degraded: [], bots: BotIndex(state),
                                                      backlogThreshold: 100, revision: "r1"))
        #expect(events.map(\.bot) == ["alpha"])
    }
}

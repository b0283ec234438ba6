@testable import Daemon
import Foundation
import Reconciler
import Spec
import Testing

/// A Channel whose bot loses a right is told once, again when what it lacks changes, once when it recovers,
/// and not at all while it cannot be read; the metrics count the degraded resources by kind.
@Suite("Daemon: degraded resources are told and counted", .timeLimit(.minutes(5)))
struct DegradedWatchTests {
    let news = ResourceAddress(.channel, "news")

    func pass(_ status: String?, health: LiveStatus.Health? = .degraded, unknown: Bool = false) -> FleetStatus {
        var fleet = FleetStatus()
        if unknown {
            fleet.note(Plan(revision: "a", changes: [], unknown: [ResourceError(address: news, code: .readFailed, message: "chat not found")]),
                       report: nil)
        } else {
            var change = Change(address: news, action: .noOp)
            change.status = status
            change.health = status == nil ? nil : health
            fleet.note(Plan(revision: "a", changes: [change]), report: nil)
        }
        return fleet
    }

    @Test func aLostRightIsToldOnceAndItsRecoveryOnce() {
        var watch = DegradedWatch()
        #expect(watch.changes(in: pass(nil)).isEmpty)
        let lost = "degraded: Bot/newsroom lacks Edit messages in @acme_news; ask an owner of @acme_news to grant the bot Edit messages"
        #expect(watch.changes(in: pass(lost)) == [.init(address: news, text: lost, recovered: false)])
        #expect(watch.changes(in: pass(lost)).isEmpty, "the same loss is not told twice")
        #expect(watch.changes(in: pass(nil, unknown: true)).isEmpty, "a pass that could not read it says nothing")
        #expect(watch.changes(in: pass(nil)) == [.init(address: news, text: "what it lacked is there again", recovered: true)])
        #expect(watch.changes(in: pass(nil)).isEmpty)
    }

    @Test func degradedResourcesAreAGaugeByKind() {
        let metrics = DaemonMetrics()
        metrics.fleet(pass("degraded: Bot/newsroom lacks Edit messages in @acme_news"), drift: [], healed: [], bots: [:])
        let lines = metrics.text().split(separator: "\n").map(String.init)
        #expect(lines.contains(#"botops_degraded_resources{kind="Channel"} 1.0"#), "\(lines)")
        metrics.fleet(pass(nil), drift: [], healed: [], bots: [:])
        #expect(metrics.text().contains(#"botops_degraded_resources{kind="Channel"} 0.0"#))
    }
}

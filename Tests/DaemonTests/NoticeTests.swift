@testable import Daemon
import Foundation
import Reconciler
import Spec
import Testing

/// What a notice says: a few lines for Telegram, a fixed JSON shape for webhooks, and when
/// leadership changes are news.
@Suite("Notices: messages, bodies and leadership changes", .timeLimit(.minutes(5)))
struct NoticeTests {
    @Test func aLongListIsCutAndTheMessageFitsTelegram() {
        let resources = (1...40).map { "Bot/bot-\($0)" }
        let notice = Notice(event: .applied, project: "acme", revision: nil, commitURL: nil,
                            summary: "applied 40 changes (40 update)", resources: resources)
        let lines = notice.message.split(separator: "\n")
        #expect(lines.first == "botops · acme: applied 40 changes (40 update)")
        #expect(lines.count == 1 + Notice.listedResources + 1, "no revision line for a folder")
        #expect(lines.last == "… and 25 more")
        let huge = Notice(event: .passFailed, project: "acme", revision: nil, commitURL: nil,
                          summary: String(repeating: "x", count: 9000), resources: [])
        #expect(huge.message.utf16.count <= 4096)
    }

    @Test func leadershipChangesAreTheOnlyNews() {
        let me = RunInfo(host: "ops-1", pid: 41), other = RunInfo(host: "ops-2", pid: 7)
        #expect(ReconcileLoop.leadershipChange(was: .standby, now: .leader, me: me, leader: me) == "ops-1 pid 41 took over as leader")
        #expect(ReconcileLoop.leadershipChange(was: .leader, now: .standby, me: me, leader: other)
            == "ops-1 pid 41 stood down; ops-2 pid 7 leads")
        #expect(ReconcileLoop.leadershipChange(was: nil, now: .leader, me: me, leader: me) == nil, "the first look is no change")
        #expect(ReconcileLoop.leadershipChange(was: .leader, now: .leader, me: me, leader: me) == nil)
        #expect(ReconcileLoop.leadershipChange(was: .single, now: .single, me: me, leader: nil) == nil)
    }

    @Test func summariesKeepTheirFirstLineShort() {
        #expect(ReconcileLoop.short("first\nsecond") == "first")
        #expect(ReconcileLoop.short(String(repeating: "y", count: 400)).count == 300)
    }
}

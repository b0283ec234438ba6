@testable import Daemon
import Foundation
import Reconciler
import Spec
import Testing

/// The resource list of a big fleet pages: every resource is on exactly one page, the filters stay on the links
/// to the others, and a page number out of range shows the nearest page.
@Suite("Fleet page: the resource list pages", .timeLimit(.minutes(5)))
struct FleetViewPagingTests {
    static func view(bots: Int) -> FleetView {
        var fleet = FleetStatus()
        let changes = (0..<bots).flatMap { index -> [Change] in
            let name = String(format: "bot%04d", index)
            return [Change(address: ResourceAddress(.bot, name), action: .noOp), Change(address: ResourceAddress(.webhook, name), action: .noOp)]
        }
        fleet.note(Plan(revision: "r1", changes: changes), report: nil)
        let snapshot = FleetSnapshot(fleet: fleet, declared: nil, passes: [], role: .single, leader: nil, commits: [:], passCount: 1)
        return FleetView(snapshot: snapshot, canOperate: false)
    }

    static func names(_ context: [String: Any]) -> [String] {
        ((context["groups"] as? [[String: Any]]) ?? []).flatMap { group in
            ((group["rows"] as? [[String: Any]]) ?? []).compactMap { row in
                (group["kind"] as? String).flatMap { kind in (row["name"] as? String).map { "\(kind)/\($0)" } }
            }
        }
    }

    @Test func everyResourceIsOnExactlyOnePage() {
        let view = Self.view(bots: 600)
        let pages = (1...3).map { view.resources(kind: nil, bot: nil, state: nil, page: $0) }
        #expect(pages.map { $0["pages"] as? Int } == [3, 3, 3])
        let all = pages.flatMap(Self.names)
        #expect(all.count == 1_200 && Set(all).count == 1_200)
        #expect(pages[0]["previous"] == nil && pages[0]["next"] as? String == "/resources?page=2")
        #expect(pages[2]["next"] == nil && pages[2]["previous"] as? String == "/resources?page=2")
        #expect(pages[1]["first"] as? Int == 501 && pages[1]["last"] as? Int == 1_000)
        #expect(Self.names(view.resources(kind: nil, bot: nil, state: nil, page: 99)) == Self.names(pages[2]), "past the end: the last page")
        #expect(Self.names(view.resources(kind: nil, bot: nil, state: nil, page: -1)) == Self.names(pages[0]))
    }

    @Test func theFiltersStayOnTheLinks() {
        let page = Self.view(bots: 600).resources(kind: "Webhook", bot: nil, state: "unknown+x", page: 1)
        #expect(page["paged"] as? Bool == false, "no webhook is unknown: one page")
        let webhooks = Self.view(bots: 600).resources(kind: "Webhook", bot: nil, state: "synced", page: 1)
        #expect(webhooks["pages"] as? Int == 2)
        #expect(webhooks["next"] as? String == "/resources?kind=Webhook&sync=synced&page=2")
    }
}

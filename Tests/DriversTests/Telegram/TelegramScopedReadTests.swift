import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A push that changes one text of one bot reads that text and nothing else of the bot, and still
/// sets it; what else drifted is left to the next full pass.
@Suite("Telegram: a targeted plan reads only the fields a commit changed", .timeLimit(.minutes(5)))
struct TelegramScopedReadTests {
    @Test func aChangedDescriptionIsReadAndSetAlone() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Before"))
        try await fleet.apply()
        let baseline = try fleet.session().state
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed by hand"}"#)
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "After"))
        let session = try fleet.session()
        let inventory = try await fleet.inventory()
        let context = DriverContext(state: session.state, inventory: inventory, secrets: session.secrets, logger: session.logger)

        let before = await fleet.sandbox.calls().count
        let plan = await Planner(drivers: session.drivers).plan(context: context, baseline: baseline).plan
        let reads = await fleet.sandbox.calls().dropFirst(before).map(\.method)
        #expect(reads == ["getMyDescription"], "one read for one changed text")
        let change = try #require(plan.change(for: ResourceAddress(.bot, "alpha")))
        #expect(change.fields.map(\.path) == ["profile.default.description"], "the hand-made name is the full pass's")

        let full = try await fleet.plan()
        #expect(full.change(for: ResourceAddress(.bot, "alpha"))?.fields.map(\.path).contains("profile.default.name") == true)
    }
}

import Testing
@testable import Spec

@Suite("The shipped examples validate clean", .timeLimit(.minutes(1)))
struct ExamplesValidateTests {
    @Test(arguments: ["examples/quickstart", "examples/fleet"])
    func exampleIsValid(_ folder: String) throws {
        let result = try SpecLoader().load(from: DirectorySource(root: SpecTestSupport.path(folder)))
        #expect(result.errorCount == 0, "\(SpecTestSupport.lines(result))")
        #expect(result.warningCount == 0, "\(SpecTestSupport.lines(result))")
        let state = try #require(result.state)
        #expect(!state.bots.isEmpty)
    }

    @Test func fleetHasTheDeclaredShape() throws {
        let result = try SpecLoader().load(from: DirectorySource(root: SpecTestSupport.path("examples/fleet")))
        let state = try #require(result.state)
        let polling = state.bots.filter { state.webhook(forBot: $0.metadata.name) == nil }
        #expect(polling.count >= 1, "a polling bot")
        #expect(state.webhooks.count >= 3, "three bots behind the gateway")
        #expect(Set(state.schedules.map(\.timezone)).count >= 2, "schedules in two time zones")
        #expect(Set(state.boosters.map(\.type)).isSuperset(of: [.views, .reactions]))
    }
}

import Foundation
import Reconciler
import Spec
import Testing

/// A plan made without digests (the daemon's, a plan only shown) is the same plan, less the digests a saved
/// plan is checked with; a saved plan is still checked with them.
@Suite("Plan digests: worked out when a plan is saved or printed as JSON", .timeLimit(.minutes(1)))
struct PlanDigestOptionTests {
    @Test func aPlanWithoutDigestsIsTheSamePlanLessTheDigests() async throws {
        let world = SavedPlanWorld()
        let full = try await world.session().plan()
        var options = PlanOptions()
        options.digest = false
        let bare = try await world.session().plan(options: options)
        #expect(!full.configDigest.isEmpty)
        #expect(full.changes.contains { !$0.observedDigest.isEmpty }, "a present resource has an observed digest")
        #expect(bare.configDigest.isEmpty)
        #expect(bare.changes.allSatisfy { $0.observedDigest.isEmpty })
        #expect(bare.changes.map(\.address) == full.changes.map(\.address))
        #expect(bare.changes.map(\.action) == full.changes.map(\.action))
        #expect(bare.changes.map(\.fields) == full.changes.map(\.fields))
    }

    @Test func aSavedPlanIsStillCheckedAgainstTheLiveValues() async throws {
        let world = SavedPlanWorld()
        let saved = try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(try await world.session().plan()).utf8))
        await world.fleet.setLive(world.w, Fixtures.named("edited by hand"))
        var options = PlanOptions()
        options.digest = false
        let error = await #expect(throws: SessionError.self) {
            _ = try await world.session().run(options: options, saved: saved) { _ in true }
        }
        #expect(error?.message.contains("Webhook/w changed live since the plan was made") == true,
                "the session works the digests out for a saved plan whatever it was asked: \(String(describing: error))")
        #expect(await world.fleet.applied.isEmpty)
    }
}

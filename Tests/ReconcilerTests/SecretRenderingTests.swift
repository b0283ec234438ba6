import Foundation
import Reconciler
import Spec
import Testing

/// Plans and reports never print a secret, nor its fingerprint.
@Suite("Sensitive values never appear in rendered output", .timeLimit(.minutes(1)))
struct SecretRenderingTests {
    func expectClean(_ output: String, _ what: String) {
        for fingerprint in SavedPlanWorld.fingerprints {
            #expect(!output.contains(fingerprint), "\(what) shows a fingerprint")
            #expect(!output.contains(String(fingerprint.dropFirst("hmac-sha256:".count).prefix(16))), "\(what) shows part of a fingerprint")
        }
    }

    @Test func renderedPlansHideSensitiveValues() async throws {
        let plan = try await SavedPlanWorld().session().plan()
        // The plan has a sensitive field on a create, an update and a delete.
        #expect(Set(plan.changes.filter { $0.fields.contains(where: \.sensitive) }.map(\.action)) == [.create, .update, .delete])
        let text = TextPlanRenderer(color: false).render(plan)
        expectClean(text, "text")
        expectClean(TextPlanRenderer(color: true).render(plan), "coloured text")
        expectClean(try JSONPlanRenderer().render(plan), "JSON")
        expectClean(MarkdownPlanRenderer().render(plan), "Markdown")
        #expect(text.contains("+ token: (sensitive value)"))
        #expect(text.contains("~ token: (sensitive value changed)"))
        #expect(text.contains("- token: (sensitive value)"))
    }

    @Test func applyReportHidesSensitiveValues() async throws {
        let world = SavedPlanWorld()
        await world.fleet.failApply(world.b)
        let (_, report) = try await world.session().run { _ in true }
        let rendered = ApplyReportRenderer().render(try #require(report))
        expectClean(rendered, "apply report")
        #expect(rendered.contains("Bot/b: FAILED"))
    }
}

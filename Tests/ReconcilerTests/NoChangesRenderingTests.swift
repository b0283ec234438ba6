import Foundation
import Reconciler
import Spec
import Testing

@Suite("Rendering a plan without changes", .timeLimit(.minutes(1)))
struct NoChangesRenderingTests {
    let plan = Plan(revision: "0123456789abcdef", configDigest: "d", changes: [
        Change(address: Fixtures.bot("a"), action: .noOp),
        Change(address: Fixtures.webhook("w"), action: .noOp, reason: "matches; botops adopts it"),
    ])

    @Test func textSaysNoChanges() {
        let text = TextPlanRenderer(color: false).render(plan)
        #expect(text.hasPrefix("Revision 0123456, nothing applied from git yet\n\nNo changes."))
        #expect(!text.contains("Bot/a"), "no-ops are not listed")
    }

    @Test func markdownSaysNoChanges() {
        let markdown = MarkdownPlanRenderer().render(plan)
        #expect(markdown.contains("**No changes.**"))
        #expect(markdown.hasPrefix("### botops plan for `0123456789ab`"))
        #expect(!markdown.contains("<details>"))
    }

    @Test func noChangesButRefusedStillShowsTheRefusal() {
        let refused = Plan(changes: plan.changes, refusals: [Refusal(.emptyConfiguration, "run again with --allow-empty")])
        #expect(TextPlanRenderer().render(refused).contains("Refused: run again with --allow-empty"))
        #expect(MarkdownPlanRenderer().render(refused).contains("> [!CAUTION]\n> Refused: run again with --allow-empty"))
    }

    @Test func planWithoutChangesHasNone() async throws {
        #expect(!plan.hasChanges)
        #expect(plan.summary.sentence == "Plan: 0 to add, 0 to change, 0 to destroy.")
        #expect(plan.summary.noOp == 2)
    }

    @Test func aPartialPlanWithoutChangesDoesNotClaimTheFleetMatches() {
        let partial = Plan(changes: plan.changes, unknown: [
            ResourceError(address: Fixtures.bot("b"), code: .unauthorized, message: "Telegram refused the token"),
        ])
        let text = TextPlanRenderer().render(partial)
        #expect(!text.contains("matches the configuration"))
        #expect(text.contains("No changes among the resources that could be read; the 1 above were not planned."))
        #expect(text.contains("? Bot/b: Telegram refused the token"))
        #expect(!MarkdownPlanRenderer().render(partial).contains("matches the configuration"))
    }
}

import Foundation
import Reconciler
import Spec
import Testing

/// Rendered plans and reports, byte for byte, against the files in Golden/.
/// Set BOTOPS_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then review the diff.
@Suite("Golden files: rendered plans and reports", .timeLimit(.minutes(1)))
struct GoldenRenderingTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func render(_ name: String) throws -> String {
        switch name {
        case "plan.txt": return TextPlanRenderer(color: false).render(RepresentativePlan.plan)
        case "plan-color.txt": return TextPlanRenderer(color: true).render(RepresentativePlan.plan)
        case "plan.json": return try JSONPlanRenderer().render(RepresentativePlan.plan)
        case "plan.md": return MarkdownPlanRenderer().render(RepresentativePlan.plan)
        case "plan-github.txt":
            return GitHubPlanRenderer(locations: RepresentativePlan.locations, pathPrefix: "fleet/").render(RepresentativePlan.plan)
        case "apply-report.txt": return ApplyReportRenderer().render(RepresentativePlan.report)
        default: throw CocoaError(.fileNoSuchFile)
        }
    }

    @Test(arguments: ["plan.txt", "plan-color.txt", "plan.json", "plan.md", "plan-github.txt", "apply-report.txt"])
    func outputMatchesGoldenFile(_ name: String) throws {
        let actual = try Self.render(name)
        let path = Self.folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["BOTOPS_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: path, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: path, encoding: .utf8)
        #expect(actual == expected)
    }

    @Test(arguments: ["plan.txt", "plan-color.txt", "plan.json", "plan.md", "plan-github.txt", "apply-report.txt"])
    func goldenFileHoldsNoFingerprint(_ name: String) throws {
        #expect(!(try Self.render(name)).contains(RepresentativePlan.fingerprint))
    }
}

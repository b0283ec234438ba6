import ArgumentParser
import Reconciler

/// How a plan is printed.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown

    func render(_ plan: Plan) throws -> String {
        switch self {
        case .text: return TextPlanRenderer(color: Terminal.useColor).render(plan)
        case .json: return try JSONPlanRenderer().render(plan)
        case .markdown: return MarkdownPlanRenderer().render(plan)
        }
    }
}

import ArgumentParser
import Reconciler
import Spec

/// How a plan is printed.
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown, github

    /// `state` is the configuration planned from, which says where each resource is declared (for
    /// `github`); `pathPrefix` puts those paths relative to the repository.
    func render(_ plan: Plan, state: DesiredState? = nil, pathPrefix: String = "") throws -> String {
        switch self {
        case .text: return TextPlanRenderer(color: Terminal.useColor).render(plan)
        case .json: return try JSONPlanRenderer().render(plan)
        case .markdown: return MarkdownPlanRenderer().render(plan)
        case .github:
            let locations = (state?.resources ?? [:]).mapValues(\.location)
            return GitHubPlanRenderer(locations: locations, pathPrefix: pathPrefix).render(plan)
        }
    }
}

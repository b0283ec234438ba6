/// Renders a plan as Markdown, to post as a pull-request comment.
public struct MarkdownPlanRenderer: Sendable {
    public init() {}

    public func render(_ plan: Plan) -> String {
        var out = "### botops plan"
        if let revision = plan.revision { out += " for `\(revision.prefix(12))`" }
        out += "\n\n"
        for refusal in plan.refusals {
            out += "> [!CAUTION]\n> Refused: \(refusal.message)\n\n"
        }
        let revisions = PlanStyle.revisionLines(plan)
        if !revisions.isEmpty { out += revisions.joined(separator: "  \n") + "\n\n" }
        let unknown = PlanStyle.unknownLines(plan)
        if !unknown.isEmpty {
            out += "> [!WARNING]\n> Not planned: these could not be read, so botops neither changes nor deletes them:\n"
            for line in unknown { out += "> - `\(line.replacingOccurrences(of: "`", with: "'"))`\n" }
            out += "\n"
        }
        let changes = plan.actionable
        if changes.isEmpty, plan.isPartial {
            out += "**No changes** among the resources that could be read; the \(plan.unknown.count) above were not planned.\n"
        } else if changes.isEmpty {
            out += "**No changes.** The live fleet matches the configuration.\n"
        } else {
            out += "**\(plan.summary.sentence)**\n\n"
            out += "| | Resource | Action | Fields |\n|---|---|---|---|\n"
            for change in changes {
                out += "| \(icon(change.action)) | `\(change.address)` | \(change.action.rawValue) | \(PlanStyle.markdownFieldCell(change.fields)) |\n"
            }
            out += "\n<details><summary>Details</summary>\n\n```diff\n"
            for (index, change) in changes.enumerated() {
                if index > 0 { out += "\n" }
                out += "# \(change.address) \(PlanStyle.headline(change))\(change.reason.map { " (\($0))" } ?? "")\n"
                for field in change.fields {
                    for line in PlanStyle.markdownDiffLines(field) { out += line + "\n" }
                }
            }
            out += "```\n\n</details>\n"
        }
        return out
    }

    private func icon(_ action: Action) -> String {
        switch action {
        case .create: return "➕"
        case .update: return "🔄"
        case .replace: return "♻️"
        case .delete: return "🗑️"
        case .noOp: return ""
        }
    }
}

/// Renders a plan for a terminal, in Terraform's shape.
public struct TextPlanRenderer: Sendable {
    public let color: Bool

    public init(color: Bool = false) {
        self.color = color
    }

    public func render(_ plan: Plan) -> String {
        var out = ""
        // A refusal is the first thing a reader must see, not a footnote under the changes.
        for refusal in plan.refusals {
            out += paint("Refused: \(refusal.message)", .delete) + "\n"
        }
        if !plan.refusals.isEmpty { out += "\n" }
        let revisions = PlanStyle.revisionLines(plan)
        for line in revisions { out += line + "\n" }
        if !revisions.isEmpty { out += "\n" }
        let unknown = PlanStyle.unknownLines(plan)
        if !unknown.isEmpty {
            out += paint("Not planned: these could not be read, so botops neither changes nor deletes them:", bold: true) + "\n"
            for line in unknown { out += "  ? \(line)\n" }
            out += "\n"
        }
        let statuses = plan.changes.filter { $0.status != nil }
        if !statuses.isEmpty {
            out += paint("Live status:", bold: true) + "\n"
            for change in statuses {
                out += paint("  \(change.address): \(change.status ?? "")", change.health?.isTrouble == true ? .delete : nil) + "\n"
            }
            out += "\n"
        }
        let released = plan.changes.filter { $0.cause == .release }
        if !released.isEmpty {
            out += paint("No longer declared, so no longer managed (left as they are, nothing is sent):", bold: true) + "\n"
            for change in released { out += "  - \(change.address)\n" }
            out += "\n"
        }
        let changes = plan.actionable
        if changes.isEmpty {
            if plan.isPartial {
                return out + "No changes among the resources that could be read; the \(plan.unknown.count) above were not planned.\n"
            }
            return out + "No changes. The live fleet matches the configuration.\n"
        } else {
            out += plan.refusals.isEmpty ? "botops will perform the following actions:\n" : "botops would perform the following actions:\n"
            for change in changes {
                out += "\n" + paint("  # \(change.address) \(PlanStyle.headline(change))", bold: true)
                out += change.reason.map { " (\($0))" } ?? ""
                out += "\n"
                out += paint("  \(PlanStyle.marker(change)) \(change.address)", change.action) + "\n"
                for field in change.fields {
                    for line in PlanStyle.fieldLines(field) {
                        let action: Action? = line.marker == "+" ? .create : line.marker == "-" ? .delete
                            : line.marker == "~" ? .update : nil
                        let indent = String(repeating: " ", count: 6 + 4 * line.depth)
                        out += paint("\(indent)\(line.marker) \(line.text)", action) + "\n"
                    }
                }
            }
            out += "\n"
        }
        out += paint(plan.summary.sentence, bold: true) + "\n"
        return out
    }

    private func paint(_ text: String, _ action: Action? = nil, bold: Bool = false) -> String {
        guard color else { return text }
        let start = (bold ? PlanStyle.bold : "") + (action.map(PlanStyle.color) ?? "")
        return start.isEmpty ? text : start + text + PlanStyle.reset
    }
}

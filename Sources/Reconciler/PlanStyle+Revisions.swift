extension PlanStyle {
    /// How many commit subjects a header shows before "and N more".
    static let commitsShown = 5

    /// The header about revisions: the planned one and the applied one, with the commits between,
    /// and for a targeted plan what it left out. Empty for a plan of a folder.
    static func revisionLines(_ plan: Plan) -> [String] {
        guard let revision = plan.revision else { return [] }
        let target = String(revision.prefix(7))
        var lines: [String]
        if let applied = plan.appliedRevision, applied != revision {
            var line = "Revision \(target), applied \(applied.prefix(7))"
            if let commits = plan.commits {
                let count = commits.count >= Plan.commitLimit ? "\(Plan.commitLimit) or more commits" : commits.count == 1 ? "1 commit" : "\(commits.count) commits"
                let shown = commits.prefix(commitsShown).map(\.line).joined(separator: ", ")
                line += commits.isEmpty ? " (not an ancestor: the branch moved back)"
                    : "; \(count): \(shown)" + (commits.count > commitsShown ? ", and \(commits.count - commitsShown) more" : "")
            }
            lines = [line]
        } else if plan.appliedRevision == revision {
            lines = ["Revision \(target), the one applied"]
        } else {
            lines = ["Revision \(target), nothing applied from git yet"]
        }
        if let since = plan.targetedSince {
            lines.append("Targeted: only what is declared differently from \(since.prefix(7)) was read; the next full pass checks the rest")
        }
        return lines
    }
}

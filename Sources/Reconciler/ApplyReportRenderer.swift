/// Renders what an apply did, one line per resource, then the summary.
public struct ApplyReportRenderer: Sendable {
    public init() {}

    public func render(_ report: ApplyReport) -> String {
        var out = "\n"
        for address in report.outcomes.keys.sorted() {
            switch report.outcomes[address]! {
            case let .applied(writes):
                let verb = report.actions[address].map(Self.pastTense) ?? "applied"
                out += "\(address): \(verb) (\(writes) call\(writes == 1 ? "" : "s"))\n"
            case let .failed(error):
                out += "\(address): FAILED: \(error.message)\n"
            case let .skipped(because):
                out += "\(address): skipped, because \(because) failed\n"
            }
        }
        return out + "\n" + report.sentence + "\n"
    }

    static func pastTense(_ action: Action) -> String {
        switch action {
        case .create: return "created"
        case .update: return "updated"
        case .replace: return "replaced"
        case .delete: return "destroyed"
        case .noOp: return "unchanged"
        }
    }
}

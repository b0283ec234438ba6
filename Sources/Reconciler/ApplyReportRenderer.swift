/// Renders what an apply did, one line per resource, then the summary.
public struct ApplyReportRenderer: Sendable {
    public init() {}

    /// Applied resources first, then failures with their locations, then what was skipped because
    /// of them, so each skip follows the failure it names, then what a stop left unstarted.
    public func render(_ report: ApplyReport, pathPrefix: String = "") -> String {
        var out = ""
        for address in report.outcomes.keys.sorted() {
            guard case let .applied(writes) = report.outcomes[address]! else { continue }
            let verb = report.adoptions.contains(address) ? "adopted" : report.actions[address].map(Self.pastTense) ?? "applied"
            out += "\(address): \(verb) (\(writes) call\(writes == 1 ? "" : "s"))\n"
        }
        for error in report.failures {
            let place = error.location.map { "\(pathPrefix)\($0): " } ?? ""
            out += "\(place)\(error.address): FAILED: \(error.message)\n"
        }
        for (address, because) in report.skipped {
            out += "\(address): skipped, because \(because) failed\n"
        }
        for address in report.notStarted {
            out += "\(address): not started, since the run was stopped\n"
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

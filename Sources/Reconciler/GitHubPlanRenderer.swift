import Spec

/// Renders a plan for a GitHub Actions log: the text plan, then annotations that put each change on
/// its resource's declaration in the pull request's diff (a notice; a warning for what is destroyed),
/// each resource that could not be read where it is declared, and each refusal as an error.
public struct GitHubPlanRenderer: Sendable {
    /// Where each declared resource is written; a deleted resource is no longer declared and gets
    /// an annotation without a file.
    public let locations: [ResourceAddress: SourceLocation]
    /// Put before every file path, so paths are relative to the repository's root.
    public let pathPrefix: String

    public init(locations: [ResourceAddress: SourceLocation], pathPrefix: String = "") {
        self.locations = locations
        self.pathPrefix = pathPrefix
    }

    public func render(_ plan: Plan) -> String {
        var out = TextPlanRenderer(color: false).render(plan)
        for annotation in annotations(plan) { out += annotation.command + "\n" }
        return out
    }

    public func annotations(_ plan: Plan) -> [GitHubAnnotation] {
        var annotations = plan.refusals.map {
            GitHubAnnotation(.error, title: "botops plan refused (\($0.code.rawValue))", message: $0.message)
        }
        // GitHub shows ten errors a step: an unreachable system is one annotation, at its first resource.
        for item in UnknownListing(plan.unknown).items {
            switch item {
            case let .resource(error):
                annotations.append(GitHubAnnotation(.error, at: error.location ?? locations[error.address], pathPrefix: pathPrefix,
                                                    title: "botops not planned", message: error.message))
            case let .endpoint(_, first, addresses):
                annotations.append(GitHubAnnotation(.error, at: first.location ?? locations[first.address], pathPrefix: pathPrefix,
                    title: "botops not planned",
                    message: "\(first.message): \(addresses.count) resource\(addresses.count == 1 ? "" : "s") not read ("
                        + addresses.map(\.description).joined(separator: ", ") + ")"))
            }
        }
        for change in plan.actionable {
            var message = "\(change.address) \(PlanStyle.headline(change))"
            if let reason = change.reason { message += " (\(reason))" }
            if !change.fields.isEmpty { message += ": " + PlanStyle.shortList(change.fields.map(\.path), limit: 8) }
            annotations.append(GitHubAnnotation(change.action == .delete ? .warning : .notice, at: locations[change.address],
                                                pathPrefix: pathPrefix, title: "botops \(change.action.rawValue) \(change.address)",
                                                message: message))
        }
        return annotations
    }
}

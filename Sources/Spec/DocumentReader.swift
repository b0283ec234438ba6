import Yams

/// Reads one YAML document: the Kubernetes-shaped envelope (`apiVersion`, `kind`, `metadata`,
/// `spec`) and then the kind's spec.
struct DocumentReader {
    static let apiVersion = "botops/v1"
    let context: ReadContext

    /// Decodes one document. `declared` receives the document's address as soon as its kind and
    /// name are readable, even when its spec has errors, so references to it are not reported as
    /// dangling on top of its own problems.
    func read(_ root: Node, declared: inout [ResourceAddress]) -> DecodedResource? {
        guard let document = MappingReader(root, path: "", context: context) else { return nil }
        document.rejectUnknownKeys(["apiVersion", "kind", "metadata", "spec"])
        if let version = document.string("apiVersion", required: true), version != DocumentReader.apiVersion {
            context.sink.error(.apiVersion, at: document.valueLocation("apiVersion"),
                "unknown apiVersion '\(version)'; this botops reads '\(DocumentReader.apiVersion)'")
        }
        let kinds = ResourceKind.declarable.map(\.rawValue)
        var kind: ResourceKind?
        if let kindName = document.string("kind", required: true) {
            kind = ResourceKind(rawValue: kindName).flatMap { $0.isDeclarable ? $0 : nil }
            if kind == nil {
                context.sink.error(.unknownKind, at: document.valueLocation("kind"),
                    "unknown kind '\(kindName)'; expected one of \(kinds.joined(separator: ", "))"
                    + Suggestion.phrase(for: kindName, in: kinds))
            }
        }
        let metadata = readMetadata(document)
        let spec: MappingReader?
        if let specNode = document.node("spec") {
            spec = MappingReader(specNode, path: "spec", context: context)
        } else if kind == .project {
            // Every Project field has a default, so `spec` may be left out entirely.
            spec = MappingReader(.mapping([:]), path: "spec", context: context)
        } else {
            if kind != nil { document.missing("spec") }
            spec = nil
        }
        if let kind, kind != .project, let metadata { declared.append(ResourceAddress(kind, metadata.name)) }
        guard let kind, var metadata, let spec else { return nil }
        for key in ["bot", "engine"] where kind != .project && spec.node(key) != nil {
            metadata.referenceLocations[key] = spec.valueLocation(key)
        }
        let resource: DecodedResource?
        switch kind {
        case .project: resource = ProjectDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.project)
        case .bot: resource = BotDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.bot)
        case .webhook: resource = WebhookDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.webhook)
        case .container: resource = ContainerDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.container)
        case .schedule: resource = ScheduleDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.schedule)
        case .booster: resource = BoosterDecoder(spec: spec, metadata: metadata).decode().map(DecodedResource.booster)
        case .botRecord: resource = nil
        }
        return resource
    }

    private func readMetadata(_ document: MappingReader) -> ResourceMetadata? {
        var references: [String: SourceLocation] = [:]
        guard let metadata = document.mapping("metadata", required: true) else { return nil }
        metadata.rejectUnknownKeys(["name", "labels", "dependsOn"])
        let labels = metadata.stringMap("labels") ?? [:]
        var dependsOn: [ResourceAddress] = []
        if let entries = metadata.sequence("dependsOn") {
            for (index, entry) in entries.enumerated() {
                let location = context.location(of: entry)
                guard let text = entry.stringScalar else {
                    context.sink.error(.typeMismatch, at: location,
                        "'metadata.dependsOn[\(index)]' must be a string like Container/gateway, not \(entry.typeDescription)")
                    continue
                }
                guard let address = ResourceAddress(parsing: text), address.kind != .project else {
                    context.sink.error(.invalidValue, at: location,
                        "'metadata.dependsOn[\(index)]' must be Kind/name with kind one of "
                        + "Bot, Webhook, Container, Schedule, Booster, not '\(text)'")
                    continue
                }
                dependsOn.append(address)
                references["dependsOn:\(address)"] = references["dependsOn:\(address)"] ?? location
            }
        }
        guard let name = metadata.string("name", required: true) else { return nil }
        let location = metadata.valueLocation("name")
        guard SpecSyntax.isDNSLabel(name) else {
            let reason = name.count > 63 ? "is \(name.count) characters long; at most 63 are allowed"
                : "must be lowercase letters, digits and '-', starting and ending with a letter or digit"
            context.sink.error(.invalidValue, at: location, "name '\(name)' \(reason)")
            return nil
        }
        var result = ResourceMetadata(name: name, labels: labels, dependsOn: dependsOn, location: location)
        result.referenceLocations = references
        return result
    }
}

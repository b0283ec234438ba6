/// Reads one YAML document: the Kubernetes-shaped envelope (`apiVersion`, `kind`, `metadata`,
/// `spec`) and then the kind's spec.
struct DocumentReader {
    static let apiVersion = "botops/v1"
    let context: ReadContext
    let kinds: KindRegistry

    /// Decodes one document. `declared` receives the document's address as soon as its kind and
    /// name are readable, even when its spec has errors, so references to it are not reported as
    /// dangling on top of its own problems.
    func read(_ root: YAMLNode, declared: inout [ResourceAddress]) -> (any DeclaredResource)? {
        guard let document = MappingReader(root, path: "", context: context) else { return nil }
        document.rejectUnknownKeys(["apiVersion", "kind", "metadata", "spec"])
        if let version = document.string("apiVersion", required: true), version != DocumentReader.apiVersion {
            context.sink.error(.apiVersion, at: document.valueLocation("apiVersion"),
                "unknown apiVersion '\(version)'; this botops reads '\(DocumentReader.apiVersion)'")
        }
        let kindNames = self.kinds.declarable.map(\.rawValue)
        var kindSpec: KindSpec?
        if let kindName = document.string("kind", required: true) {
            kindSpec = self.kinds.kind(named: kindName).flatMap(self.kinds.spec(for:)).flatMap { $0.isDeclarable ? $0 : nil }
            if kindSpec == nil {
                context.sink.error(.unknownKind, at: document.valueLocation("kind"),
                    "unknown kind '\(kindName)'; expected one of \(kindNames.joined(separator: ", "))"
                    + Suggestion.phrase(for: kindName, in: kindNames))
            }
        }
        let metadata = readMetadata(document)
        let spec: MappingReader?
        if let specNode = document.node("spec") {
            spec = MappingReader(specNode, path: "spec", context: context)
        } else if kindSpec?.specOptional == true {
            spec = MappingReader(emptyAt: document.location, path: "spec", context: context)
        } else {
            if kindSpec != nil { document.missing("spec") }
            spec = nil
        }
        if let kind = kindSpec?.kind, kind != .project, let metadata { declared.append(ResourceAddress(kind, metadata.name)) }
        guard let kindSpec, let read = kindSpec.read, var metadata, let spec else { return nil }
        for key in kindSpec.referenceKeys where spec.node(key) != nil {
            metadata.referenceLocations[key] = spec.valueLocation(key)
        }
        return read(spec, metadata)
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
                guard let address = ResourceAddress(parsing: text, kinds: kinds), address.kind != .project else {
                    context.sink.error(.invalidValue, at: location,
                        "'metadata.dependsOn[\(index)]' must be Kind/name with kind one of "
                        + kinds.declarable.filter { $0 != .project }.map(\.rawValue).joined(separator: ", ") + ", not '\(text)'")
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

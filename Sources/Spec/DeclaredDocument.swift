/// One resource as its document declares it: the document as JSON (keys unordered, aliases written
/// out, comments and formatting gone), keyed by kind and name. Two revisions compared this way differ
/// only where what is declared differs, which is what `botops diff` shows.
///
/// Secrets appear as what the document holds, a reference (`{fromEnv: NAME}`); a configuration that
/// writes a secret in clear does not validate, and documents are read only from one that does.
public struct DeclaredDocument: Sendable, Hashable {
    public let address: ResourceAddress
    /// The document without `apiVersion` and `kind`, which the address already says.
    public let value: JSONValue
    /// Where the document starts.
    public let location: SourceLocation

    /// The documents of `files`, which must have loaded without errors (see ``SpecLoader``): a
    /// document without a kind and a name is skipped, and the Project is `Project/<name>`.
    public static func read(_ files: [SourceFile], limits: SpecLimits = SpecLimits(), kinds: KindRegistry = .standard) -> [DeclaredDocument] {
        var documents: [DeclaredDocument] = []
        for file in files {
            let context = ReadContext(file: file.path, sink: DiagnosticSink())
            for node in YAMLComposer(limits: limits, context: context).documents(of: file) {
                guard case var .object(fields) = JSONValue(yaml: node, path: "", context: context),
                      let kind = fields["kind"]?.stringValue.flatMap(kinds.kind(named:)),
                      let name = fields["metadata"]?.objectValue?["name"]?.stringValue else { continue }
                fields["apiVersion"] = nil
                fields["kind"] = nil
                documents.append(DeclaredDocument(address: ResourceAddress(kind, name), value: .object(fields),
                                                  location: context.location(of: node)))
            }
        }
        return documents
    }
}

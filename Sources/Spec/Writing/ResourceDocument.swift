/// One document as `botops import` writes it: apiVersion, kind, metadata and the spec, with a comment
/// block above saying where it came from and what could not be read.
public struct ResourceDocument: Sendable, Hashable {
    public var kind: ResourceKind
    public var name: String
    /// Lines of the comment above the document.
    public var header: [String]
    public var spec: YAMLTree

    public init(kind: ResourceKind, name: String, header: [String] = [], spec: YAMLTree) {
        self.kind = kind
        self.name = name
        self.header = header
        self.spec = spec
    }

    /// Where it goes in the configuration folder (see ``ConfigLayout``).
    public var path: String { ConfigLayout.documentPath(kind, name) }

    /// The file's text; `schemaLine` (``ConfigLayout/schemaLine(for:)``) first when there is a schema.
    public func text(schemaLine: String?) -> String {
        var out = ""
        if let schemaLine { out += schemaLine + "\n" + (header.isEmpty ? "" : "#\n") }
        for line in header { out += line.isEmpty ? "#\n" : "# \(line)\n" }
        out += YAMLTree.mapping([
            YAMLEntry("apiVersion", .string("botops/v1")),
            YAMLEntry("kind", .string(kind.rawValue)),
            YAMLEntry("metadata", .mapping([YAMLEntry("name", .string(name))])),
            YAMLEntry("spec", spec.isEmpty ? .mapping([]) : spec),
        ]).rendered()
        return out
    }
}

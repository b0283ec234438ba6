/// Reads the fields of one YAML mapping, reporting every problem as a diagnostic at its
/// location: unknown keys (with a suggestion), missing required keys and wrong types.
///
/// Readers return `nil` for a field that is absent or wrong; the diagnostic has then already been
/// recorded, so callers only decide what a missing value means.
public struct MappingReader {
    /// Pairs in document order, each key as text.
    let entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)]
    /// Position of each key in `entries`, for a mapping too large to look through (most have a few keys, which
    /// are found by comparing texts sooner than a table of them is built).
    private let index: [String: Int]?
    /// The dotted path of this mapping in the document (`spec.profile`), used in messages.
    public let path: String
    let context: ReadContext
    /// Where the mapping starts.
    public let location: SourceLocation

    /// Mappings up to this many keys are looked through rather than indexed.
    private static let indexedFrom = 12

    /// A reader for `node`, or nil (with a diagnostic) when it is not a mapping.
    init?(_ node: YAMLNode, path: String, context: ReadContext) {
        guard node.kind == .mapping else {
            context.sink.error(.typeMismatch, at: context.location(of: node),
                               "'\(path)' must be a mapping, not \(node.typeDescription)")
            return nil
        }
        var entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)] = []
        entries.reserveCapacity(node.count)
        node.forEachPair { key, value in entries.append((key.scalar?.string ?? "", key, value)) }
        self.init(entries: entries, path: path, context: context, location: context.location(of: node))
    }

    /// A reader for a mapping that is not written (a kind whose `spec` may be left out), placed at `location`.
    init(emptyAt location: SourceLocation, path: String, context: ReadContext) {
        self.init(entries: [], path: path, context: context, location: location)
    }

    private init(entries: [(key: String, keyNode: YAMLNode, value: YAMLNode)], path: String, context: ReadContext,
                 location: SourceLocation) {
        if entries.count > Self.indexedFrom {
            var index: [String: Int] = [:]
            for (position, entry) in entries.enumerated() where index[entry.key] == nil { index[entry.key] = position }
            self.index = index
        } else {
            index = nil
        }
        self.entries = entries
        self.path = path
        self.context = context
        self.location = location
    }

    /// The position in `entries` of the first key written as `key`.
    private func position(_ key: String) -> Int? {
        if let index { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    public func childPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Keys in document order, with their key nodes.
    public var keys: [(String, YAMLNode)] {
        entries.map { ($0.key, $0.keyNode) }
    }

    /// Reports every key not in `known`, suggesting the nearest known key.
    public func rejectUnknownKeys(_ known: [String], in what: String? = nil) {
        for (key, keyNode, _) in entries where !known.contains(key) {
            let place = what ?? (path.isEmpty ? "the document" : "'\(path)'")
            context.sink.error(.unknownField, at: context.location(of: keyNode),
                               "unknown field '\(key)' in \(place)\(Suggestion.phrase(for: key, in: known))")
        }
    }

    /// Reports a problem at `location` (a kind's own rule).
    public func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        context.sink.error(code, at: location, message)
    }

    public func node(_ key: String) -> YAMLNode? {
        position(key).map { entries[$0].value }
    }

    public func has(_ key: String) -> Bool {
        position(key) != nil
    }

    /// Where the key itself is written (for messages about the whole field).
    public func keyLocation(_ key: String) -> SourceLocation {
        position(key).map { context.location(of: entries[$0].keyNode) } ?? location
    }

    public func valueLocation(_ key: String) -> SourceLocation {
        node(key).map(context.location(of:)) ?? location
    }

    /// Reports a missing required key at the mapping's location.
    public func missing(_ key: String) {
        context.sink.error(.missingField, at: location, "missing required field '\(childPath(key))'")
    }

    private func mismatch(_ key: String, _ node: YAMLNode, expected: String) {
        var message = "'\(childPath(key))' must be \(expected), not \(node.typeDescription)"
        if node.isYAML11Boolean, let scalar = node.scalar {
            message += " (YAML reads a bare \(scalar.string) as a boolean; quote it: \"\(scalar.string)\")"
        }
        context.sink.error(.typeMismatch, at: context.location(of: node), message)
    }

    /// The node of a required key, or nil with a "missing" diagnostic.
    public func required(_ key: String) -> YAMLNode? {
        guard let node = node(key) else {
            missing(key)
            return nil
        }
        return node
    }

    public func string(_ key: String, required isRequired: Bool = false) -> String? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        guard let value = node.stringScalar else {
            mismatch(key, node, expected: "a string")
            return nil
        }
        return value
    }

    public func int(_ key: String, required isRequired: Bool = false) -> Int? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        guard let value = node.intScalar else {
            mismatch(key, node, expected: "an integer")
            return nil
        }
        return value
    }

    public func number(_ key: String) -> Double? {
        guard let node = node(key) else { return nil }
        guard let value = node.numberScalar else {
            mismatch(key, node, expected: "a number")
            return nil
        }
        return value
    }

    public func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.boolScalar else {
            mismatch(key, node, expected: "a boolean (true or false)")
            return nil
        }
        return value
    }

    public func mapping(_ key: String, required isRequired: Bool = false) -> MappingReader? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        return MappingReader(node, path: childPath(key), context: context)
    }

    public func sequence(_ key: String, required isRequired: Bool = false) -> [YAMLNode]? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        guard node.kind == .sequence else {
            mismatch(key, node, expected: "a list")
            return nil
        }
        return node.elements
    }

    /// A list of strings; wrong elements are reported one by one and left out.
    public func stringList(_ key: String) -> [String]? {
        guard let nodes = sequence(key) else { return nil }
        var values: [String] = []
        for (index, node) in nodes.enumerated() {
            if let value = node.stringScalar {
                values.append(value)
            } else {
                mismatch("\(key)[\(index)]", node, expected: "a string")
            }
        }
        return values
    }

    /// A string or a list of strings (`command`, `entrypoint`, `healthcheck.test`).
    public func stringOrList(_ key: String, required isRequired: Bool = false) -> [String]? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        if let value = node.stringScalar { return [value] }
        if node.kind == .sequence { return stringList(key) }
        mismatch(key, node, expected: "a string or a list of strings")
        return nil
    }

    /// A mapping of strings to strings (`labels`).
    public func stringMap(_ key: String) -> [String: String]? {
        guard let reader = mapping(key) else { return nil }
        var values: [String: String] = [:]
        for (name, _) in reader.keys {
            guard let node = reader.node(name) else { continue }
            if let value = node.stringScalar {
                values[name] = value
            } else {
                reader.mismatch(name, node, expected: "a string")
            }
        }
        return values
    }

    /// Any YAML value as JSON (`args`, `settings`): the fields botops does not interpret.
    public func json(_ key: String) -> JSONValue? {
        guard let node = node(key) else { return nil }
        return JSONValue(yaml: node, path: childPath(key), context: context)
    }
}

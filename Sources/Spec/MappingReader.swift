import Yams

/// Reads the fields of one YAML mapping, reporting every problem as a diagnostic at its
/// location: unknown keys (with a suggestion), missing required keys and wrong types.
///
/// Readers return `nil` for a field that is absent or wrong; the diagnostic has then already been
/// recorded, so callers only decide what a missing value means.
public struct MappingReader {
    /// Pairs in document order, each key as text.
    let entries: [(key: String, keyNode: Node, value: Node)]
    /// Position of each key in `entries`, so a lookup never builds or compares Yams nodes.
    private let index: [String: Int]
    /// The dotted path of this mapping in the document (`spec.profile`), used in messages.
    public let path: String
    let context: ReadContext
    /// Where the mapping starts.
    public let location: SourceLocation

    /// A reader for `node`, or nil (with a diagnostic) when it is not a mapping.
    init?(_ node: Node, path: String, context: ReadContext) {
        guard case let .mapping(mapping) = node else {
            context.sink.error(.typeMismatch, at: context.location(of: node),
                               "'\(path)' must be a mapping, not \(node.typeDescription)")
            return nil
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        entries.reserveCapacity(mapping.count)
        var index: [String: Int] = [:]
        for (key, value) in mapping {
            let text = key.scalar?.string ?? ""
            if index[text] == nil { index[text] = entries.count }
            entries.append((text, key, value))
        }
        self.entries = entries
        self.index = index
        self.path = path
        self.context = context
        self.location = context.location(of: node)
    }

    public func childPath(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Keys in document order, with their key nodes.
    public var keys: [(String, Node)] {
        entries.map { ($0.key, $0.keyNode) }
    }

    /// Reports every key not in `known`, suggesting the nearest known key.
    public func rejectUnknownKeys(_ known: [String], in what: String? = nil) {
        for (key, keyNode) in keys where !known.contains(key) {
            let place = what ?? (path.isEmpty ? "the document" : "'\(path)'")
            context.sink.error(.unknownField, at: context.location(of: keyNode),
                               "unknown field '\(key)' in \(place)\(Suggestion.phrase(for: key, in: known))")
        }
    }

    /// Reports a problem at `location` (a kind's own rule).
    public func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        context.sink.error(code, at: location, message)
    }

    public func node(_ key: String) -> Node? {
        index[key].map { entries[$0].value }
    }

    public func has(_ key: String) -> Bool {
        index[key] != nil
    }

    /// Where the key itself is written (for messages about the whole field).
    public func keyLocation(_ key: String) -> SourceLocation {
        index[key].map { context.location(of: entries[$0].keyNode) } ?? location
    }

    public func valueLocation(_ key: String) -> SourceLocation {
        node(key).map(context.location(of:)) ?? location
    }

    /// Reports a missing required key at the mapping's location.
    public func missing(_ key: String) {
        context.sink.error(.missingField, at: location, "missing required field '\(childPath(key))'")
    }

    private func mismatch(_ key: String, _ node: Node, expected: String) {
        var message = "'\(childPath(key))' must be \(expected), not \(node.typeDescription)"
        if node.isYAML11Boolean, case let .scalar(scalar) = node {
            message += " (YAML reads a bare \(scalar.string) as a boolean; quote it: \"\(scalar.string)\")"
        }
        context.sink.error(.typeMismatch, at: context.location(of: node), message)
    }

    /// The node of a required key, or nil with a "missing" diagnostic.
    public func required(_ key: String) -> Node? {
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

    public func sequence(_ key: String, required isRequired: Bool = false) -> [Node]? {
        guard let node = isRequired ? required(key) : node(key) else { return nil }
        guard case let .sequence(sequence) = node else {
            mismatch(key, node, expected: "a list")
            return nil
        }
        return Array(sequence)
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
        if case .sequence = node { return stringList(key) }
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

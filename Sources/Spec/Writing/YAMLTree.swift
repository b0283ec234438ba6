/// A YAML value to write, with its keys in the order given and comments where a value could not be read:
/// what `botops import` builds, rendered by ``YAMLTree/rendered(indent:)``. Only what botops' documents
/// need: block mappings and sequences, small flow mappings, scalars.
public indirect enum YAMLTree: Sendable, Hashable {
    case null
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case mapping([YAMLEntry])
    case sequence([YAMLTree])
    /// A mapping of scalars written on one line: `{fromEnv: ALPHA_TOKEN}`.
    case flow([YAMLEntry])

    /// A mapping from entries that have a value; nil ones are left out.
    public static func keyed(_ pairs: [(String, YAMLTree?)]) -> YAMLTree {
        .mapping(pairs.compactMap { key, value in value.map { YAMLEntry(key, $0) } })
    }

    /// A JSON value as YAML: objects as mappings with their keys sorted, arrays as sequences.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case let .bool(value): self = .bool(value)
        case let .int(value): self = .int(Int64(value))
        case let .double(value): self = .double(value)
        case let .string(value): self = .string(value)
        case let .array(items): self = .sequence(items.map(YAMLTree.init))
        case let .object(members): self = .mapping(members.keys.sorted().map { YAMLEntry($0, YAMLTree(members[$0]!)) })
        }
    }

    /// An empty mapping or sequence says nothing and is left out of its parent.
    var isEmpty: Bool {
        switch self {
        case let .mapping(entries), let .flow(entries): return entries.isEmpty
        case let .sequence(items): return items.isEmpty
        default: return false
        }
    }
}

/// One key of a mapping: its value, a comment on the line above, or only a comment (a value left out on
/// purpose, written commented out so a person sees it and may choose it).
public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var value: YAMLTree?
    /// Lines written above the key, each as `# line`.
    public var comment: [String]
    /// Written as `# key: value`: shown, not declared.
    public var commentedOut: Bool

    public init(_ key: String, _ value: YAMLTree?, comment: [String] = [], commentedOut: Bool = false) {
        self.key = key
        self.value = value
        self.comment = comment
        self.commentedOut = commentedOut
    }
}

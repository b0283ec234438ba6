/// One node of a composed YAML document (see ``ComposedYAML``): a scalar, a mapping or a list, where it is
/// written, and its parts. Copying one copies an index and one reference.
public struct YAMLNode: Sendable {
    public enum Kind: UInt8, Sendable {
        case scalar, mapping, sequence
    }

    /// How a scalar is written: libyaml's styles, in its order (`any` for a collection).
    public enum Style: UInt8, Sendable {
        case any, plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// A scalar's text and how it is written.
    public struct Scalar: Sendable {
        public let string: String
        public let style: Style
    }

    let file: ComposedYAML
    let index: Int32

    init(_ file: ComposedYAML, _ index: Int32) {
        self.file = file
        self.index = index
    }

    private var entry: ComposedYAML.Entry { file.entries[Int(index)] }

    public var kind: Kind { entry.kind }

    /// One-based, as the user's editor counts.
    public var line: Int { Int(entry.line) }
    public var column: Int { Int(entry.column) }

    /// The scalar's text and style; nil for a mapping or a list.
    public var scalar: Scalar? {
        let entry = self.entry
        guard entry.kind == .scalar else { return nil }
        return Scalar(string: file.texts[Int(entry.first)], style: entry.style)
    }

    /// The tag written on the node (`!!str`, expanded as libyaml gives it: `tag:yaml.org,2002:str`), if any.
    var explicitTag: String? {
        let tag = entry.tag
        return tag >= 0 ? file.tags[Int(tag)] : nil
    }

    /// A scalar with no tag written (quoted or not): YAML's own rules say what it is.
    var isUntagged: Bool { entry.tag < 0 }

    /// True for a scalar written in quotes with no tag, which YAML reads as a string.
    var isQuotedUntagged: Bool { entry.tag == ComposedYAML.quotedTag }

    /// A collection's number of children: pairs for a mapping, elements for a list; 0 for a scalar.
    public var count: Int {
        let entry = self.entry
        switch entry.kind {
        case .scalar: return 0
        case .mapping: return Int(entry.count) / 2
        case .sequence: return Int(entry.count)
        }
    }

    /// Calls `body` with each child in order: a list's elements, a mapping's keys and values (key, value, key,
    /// value); nothing for a scalar. Makes no array.
    public func forEachChild(_ body: (YAMLNode) -> Void) {
        let entry = self.entry
        guard entry.kind != .scalar else { return }
        let first = Int(entry.first)
        for at in first ..< first + Int(entry.count) { body(YAMLNode(file, file.children[at])) }
    }

    /// Calls `body` with each of a mapping's pairs, in the order written; nothing for anything else. Makes no array.
    public func forEachPair(_ body: (_ key: YAMLNode, _ value: YAMLNode) -> Void) {
        let entry = self.entry
        guard entry.kind == .mapping else { return }
        var at = Int(entry.first)
        let end = at + Int(entry.count)
        while at + 1 < end {
            body(YAMLNode(file, file.children[at]), YAMLNode(file, file.children[at + 1]))
            at += 2
        }
    }

    /// A list's elements, in order; empty for anything else.
    public var elements: [YAMLNode] {
        guard kind == .sequence else { return [] }
        var elements: [YAMLNode] = []
        elements.reserveCapacity(count)
        forEachChild { elements.append($0) }
        return elements
    }

    /// A mapping's pairs, in the order written; empty for anything else.
    public var pairs: [(key: YAMLNode, value: YAMLNode)] {
        var pairs: [(key: YAMLNode, value: YAMLNode)] = []
        pairs.reserveCapacity(count)
        forEachPair { pairs.append(($0, $1)) }
        return pairs
    }

    /// The value of the first key written as `key` (a scalar of that text), in a mapping.
    public func value(forKey key: String) -> YAMLNode? {
        pairs.first { $0.key.scalar?.string == key }?.value
    }
}

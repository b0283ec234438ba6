/// The nodes of one file's YAML documents, as ``YAMLComposer`` composed them: one array of nodes, the scalars'
/// texts and every collection's children by index, so reading a document copies and counts no references but
/// this one object's.
///
/// Yams' `Node` is an enum of structs holding a `String`, a `Tag` (a class) and arrays of nodes: each copy of
/// one, each step through a mapping and each reader built on it retained and released several objects, a fifth
/// of validation's CPU. An alias is the index of the node its anchor names, so the anchored part is shared, as
/// it was in Yams' tree.
///
/// Immutable once composed (every stored property is a `let` of value types), hence `Sendable`.
final class ComposedYAML: Sendable {
    /// One node. A scalar's `first` is its index in ``texts``; a collection's children are
    /// `children[first ..< first + count]`, a mapping's as key, value, key, value.
    struct Entry {
        let kind: YAMLNode.Kind
        let style: YAMLNode.Style
        /// The index of the node's explicit tag in ``tags``, or ``ComposedYAML/implicitTag`` (none written), or
        /// ``ComposedYAML/quotedTag`` (a quoted scalar with no tag written, which YAML makes a string).
        let tag: Int32
        /// One-based, as Yams' marks.
        let line: Int32
        let column: Int32
        let first: Int32
        let count: Int32
    }

    static let implicitTag: Int32 = -1
    static let quotedTag: Int32 = -2

    let entries: [Entry]
    let texts: [String]
    let children: [Int32]
    let tags: [String]

    init(entries: [Entry], texts: [String], children: [Int32], tags: [String]) {
        self.entries = entries
        self.texts = texts
        self.children = children
        self.tags = tags
    }
}

extension ComposedYAML {
    /// Collects nodes as libyaml's events arrive: children are gathered on one stack while their collection is
    /// open and moved into ``children`` in one piece when it ends.
    struct Builder {
        private(set) var entries: [Entry] = []
        private var texts: [String] = []
        private var children: [Int32] = []
        private var tags: [String] = []
        private var tagIndex: [String: Int32] = [:]
        /// The children of the open collections, innermost last.
        private var pending: [Int32] = []

        /// The tag index of `name` (an explicit tag), shared by every node that writes it.
        mutating func tag(_ name: String) -> Int32 {
            if let known = tagIndex[name] { return known }
            let index = Int32(tags.count)
            tags.append(name)
            tagIndex[name] = index
            return index
        }

        mutating func scalar(_ text: String, style: YAMLNode.Style, tag: Int32, line: Int, column: Int) -> Int32 {
            texts.append(text)
            return add(Entry(kind: .scalar, style: style, tag: tag, line: Int32(clamping: line), column: Int32(clamping: column),
                             first: Int32(texts.count - 1), count: 0))
        }

        /// Where the children of a collection opened now start on the pending stack (give it back to ``close``).
        var openMark: Int { pending.count }

        /// Ends the collection whose children were pushed since `open`.
        mutating func close(_ kind: YAMLNode.Kind, tag: Int32, line: Int, column: Int, open: Int) -> Int32 {
            let first = Int32(children.count)
            children.append(contentsOf: pending[open...])
            let count = Int32(pending.count - open)
            pending.removeSubrange(open...)
            return add(Entry(kind: kind, style: .any, tag: tag, line: Int32(clamping: line), column: Int32(clamping: column),
                             first: first, count: count))
        }

        /// Makes `node` a child of the innermost open collection.
        mutating func push(_ node: Int32) {
            pending.append(node)
        }

        /// A scalar entry's text.
        func text(_ entry: Entry) -> String {
            texts[Int(entry.first)]
        }

        /// The keys of the mapping whose children are pending from `open` (every other child, from the first).
        func pendingKeys(from open: Int) -> [Int32] {
            stride(from: open, to: pending.count - 1, by: 2).map { pending[$0] }
        }

        /// Drops the pending children of collections left open (composing stopped inside them).
        mutating func abandon(from open: Int) {
            pending.removeSubrange(open...)
        }

        private mutating func add(_ entry: Entry) -> Int32 {
            entries.append(entry)
            return Int32(entries.count - 1)
        }

        /// The file, frozen.
        func build() -> ComposedYAML {
            ComposedYAML(entries: entries, texts: texts, children: children, tags: tags)
        }
    }
}

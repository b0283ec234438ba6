import CYaml
import Yams

/// Reads a file's YAML documents in one pass over libyaml's events: checks the file against ``SpecLimits``,
/// composes each document into nodes with their marks, and refuses duplicate keys, reporting what is wrong
/// as diagnostics.
///
/// It does what a limits pass followed by Yams' `Parser` did, in one reading: Yams makes an object per event,
/// copies every scalar through Foundation and groups every mapping's keys by hashing whole nodes, and the
/// limits needed a libyaml pass of their own. The nodes are our own (``ComposedYAML``: no reference counting
/// per node), but what they say is Yams' own, node for node, mark for mark and message for message
/// (`YAMLComposerTests` compares the two through ``YAMLNode/yams(_:)``), with one difference: an anchor is the
/// document's, as YAML says, where Yams let a later document name an earlier one's; the limits counted it
/// that way already, so a later document could repeat a large anchor past them.
///
/// - A file over a limit gets only that diagnostic and no documents, wherever in the file the limit is hit.
/// - Otherwise the first error (syntax, an undefined alias, a duplicated key) is reported, and the documents
///   that ended before it are kept, so their problems are reported too.
struct YAMLComposer {
    let limits: SpecLimits
    let context: ReadContext

    /// The documents of `file` (an empty document, a stray `---`, is left out).
    func documents(of file: SourceFile) -> [YAMLNode] {
        let bytes = file.text.utf8.count
        if bytes > limits.maxFileBytes {
            context.sink.error(.inputLimit, at: SourceLocation(file: file.path, line: 1, column: 1),
                "the file is \(bytes) bytes, over the limit of \(limits.maxFileBytes); split it into several files "
                + "or raise the limit with --max-file-size")
            return []
        }
        var text = file.text
        var run = Run(limits: limits, file: file.path)
        text.withUTF8 { buffer in run.read(buffer) }
        if let limit = run.limit {
            context.sink.error(.inputLimit, at: limit.location, limit.message)
            return []
        }
        if let failure = run.failure {
            report(failure, in: file)
        }
        return run.documents
    }

    private func report(_ failure: Failure, in file: SourceFile) {
        switch failure {
        case let .syntax(problem, mark):
            var message = problem
            if isTab(at: mark, in: file.text) {
                message = "a tab character is used for indentation; YAML allows spaces only"
            }
            context.sink.error(.yamlSyntax, at: SourceLocation(file: file.path, line: mark.line, column: mark.column), "YAML syntax: " + message)
        case let .unreadable(problem):
            context.sink.error(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "YAML syntax: " + problem)
        case let .duplicate(keys, mark):
            let keys = keys.map { "'\($0)'" }.joined(separator: ", ")
            context.sink.error(.duplicate, at: SourceLocation(file: file.path, line: mark.line, column: mark.column),
                "key \(keys) appears more than once in the same mapping; keep one "
                + "(the rest of this file is checked once this is fixed)")
        }
    }

    private func isTab(at mark: Mark, in text: String) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return false }
        let line = lines[mark.line - 1]
        let columnIndex = mark.column - 1
        guard columnIndex >= 0, columnIndex < line.count else { return false }
        return line[line.index(line.startIndex, offsetBy: columnIndex)] == "\t"
    }

    /// What stopped the composing.
    enum Failure {
        /// libyaml's scanner or parser, or an undefined alias; the message holds libyaml's context.
        case syntax(String, Mark)
        /// Not UTF-8, or libyaml out of memory: the file as a whole.
        case unreadable(String)
        /// The keys written more than once in one mapping, sorted; where the first of them is first written.
        case duplicate([String], Mark)
    }

    /// A limit broken, with its message.
    struct Limit {
        let location: SourceLocation
        let message: String
    }
}

extension YAMLComposer {
    /// One reading of one file.
    private struct Run {
        let limits: SpecLimits
        let file: String
        /// The roots of the documents read, in ``nodes``.
        var roots: [Int32] = []
        var nodes = ComposedYAML.Builder()
        var failure: Failure?
        var limit: Limit?

        var documents: [YAMLNode] {
            guard !roots.isEmpty else { return [] }
            let composed = nodes.build()
            return roots.map { YAMLNode(composed, $0) }
        }

        /// An open mapping or sequence.
        private struct Frame {
            let isMapping: Bool
            let mark: Mark
            let tag: Int32
            let anchor: String?
            /// Where its children start on the builder's pending stack.
            let open: Int
            /// Nodes inside it so far, what aliases stand for included (for the alias limit).
            var nodes = 0
        }

        private var stack: [Frame] = []
        /// The anchors of the current document: the nodes each stands for (counted also after a composing
        /// error), and the node itself.
        private var anchorCounts: [String: Int] = [:]
        private var anchored: [String: Int32] = [:]
        private var aliasNodes = 0
        /// The root of the document being read.
        private var root: Int32?

        init(limits: SpecLimits, file: String) {
            self.limits = limits
            self.file = file
        }

        /// Reads events until the stream ends, a limit is broken or libyaml fails. After a composing error
        /// (a duplicate, an undefined alias) the events are still counted, since a limit broken later in
        /// the file is what is reported then.
        mutating func read(_ buffer: UnsafeBufferPointer<UInt8>) {
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                failure = .unreadable("libyaml could not start: out of memory")
                return
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            var event = yaml_event_t()
            while limit == nil {
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    parseFailed(parser)
                    return
                }
                let ended = event.type == YAML_STREAM_END_EVENT
                take(&event)
                yaml_event_delete(&event)
                if ended { return }
            }
        }

        private mutating func take(_ event: inout yaml_event_t) {
            let mark = YAMLComposer.mark(event.start_mark)
            switch event.type {
            case YAML_DOCUMENT_START_EVENT:
                // Anchors are the document's, but the alias count is the file's: else many small documents,
                // each just under the limit, would add up to the same bomb.
                anchorCounts = [:]
                anchored = [:]
                root = nil
            case YAML_DOCUMENT_END_EVENT:
                guard failure == nil, let node = root else { return }
                if isEmptyDocument(node) { return }  // a stray `---` holds nothing
                roots.append(node)
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let anchor = scalar.anchor.map { String(cString: $0) }
                if let anchor { anchorCounts[anchor] = 1 }
                guard failure == nil else {
                    add(1, node: nil)
                    return
                }
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                // In libyaml's order: a quoted scalar with no tag is a string, whatever else was said.
                let tag = scalar.quoted_implicit == 1 ? ComposedYAML.quotedTag
                    : scalar.tag.map { nodes.tag(String(cString: $0)) } ?? ComposedYAML.implicitTag
                let style = YAMLNode.Style(rawValue: UInt8(truncatingIfNeeded: scalar.style.rawValue)) ?? .any
                let node = nodes.scalar(text, style: style, tag: tag, line: mark.line, column: mark.column)
                if let anchor { anchored[anchor] = node }
                add(1, node: node)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let (anchor, explicit) = isMapping
                    ? (event.data.mapping_start.anchor, event.data.mapping_start.implicit == 0 ? event.data.mapping_start.tag : nil)
                    : (event.data.sequence_start.anchor, event.data.sequence_start.implicit == 0 ? event.data.sequence_start.tag : nil)
                let tag = explicit.map { nodes.tag(String(cString: $0)) } ?? ComposedYAML.implicitTag
                stack.append(Frame(isMapping: isMapping, mark: mark, tag: tag, anchor: anchor.map { String(cString: $0) },
                                   open: nodes.openMark))
                if stack.count > limits.maxDepth {
                    limit = Limit(location: location(mark), message: YAMLComposer.tooDeep(limits))
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let count = frame.nodes.addingReportingOverflow(1)
                let total = count.overflow ? .max : count.partialValue
                if let anchor = frame.anchor { anchorCounts[anchor] = total }
                guard failure == nil else {
                    nodes.abandon(from: frame.open)
                    add(total, node: nil)
                    return
                }
                if frame.isMapping, let duplicate = duplicates(from: frame.open) {
                    failure = duplicate
                    nodes.abandon(from: frame.open)
                    add(total, node: nil)
                    return
                }
                let node = nodes.close(frame.isMapping ? .mapping : .sequence, tag: frame.tag, line: frame.mark.line,
                                       column: frame.mark.column, open: frame.open)
                if let anchor = frame.anchor { anchored[anchor] = node }
                add(total, node: node)
            case YAML_ALIAS_EVENT:
                let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
                // An unknown anchor counts as one node, so a limit broken later in the file is still found.
                let count = anchorCounts[name] ?? 1
                let (sum, overflow) = aliasNodes.addingReportingOverflow(count)
                aliasNodes = overflow ? .max : sum
                if aliasNodes > limits.maxAliasNodes {
                    limit = Limit(location: location(mark),
                        message: "aliases in this file repeat more than \(limits.maxAliasNodes) nodes "
                            + "(each alias counts the nodes of its anchor); write the repeated parts out or use fewer aliases")
                    return
                }
                if failure == nil, anchored[name] == nil { failure = .syntax("found undefined alias", mark) }
                add(count, node: failure == nil ? anchored[name] : nil)
            default:
                break
            }
        }

        /// A document that is only an empty or `~` plain scalar (a stray `---`).
        private func isEmptyDocument(_ node: Int32) -> Bool {
            let entry = nodes.entries[Int(node)]
            guard entry.kind == .scalar, entry.style == .plain || entry.style == .any else { return false }
            let text = nodes.text(entry)
            return text.isEmpty || text == "~"
        }

        /// Puts `node` (standing for `count` nodes) into the innermost open collection, or makes it the root;
        /// counts saturate so a bomb cannot overflow them.
        private mutating func add(_ count: Int, node: Int32?) {
            guard !stack.isEmpty else {
                root = node
                return
            }
            let (sum, overflow) = stack[stack.count - 1].nodes.addingReportingOverflow(count)
            stack[stack.count - 1].nodes = overflow ? .max : sum
            if let node { nodes.push(node) }
        }

        /// libyaml refuses nesting past 1000 levels itself, and its scanner reads ahead of the events, so a
        /// file of a million `[` ends there, before an event reaches our depth: that is the depth limit too.
        private mutating func parseFailed(_ parser: yaml_parser_t) {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
            let mark = YAMLComposer.mark(parser.problem_mark)
            if problem.contains("Maximum nesting level") {
                limit = Limit(location: location(mark), message: YAMLComposer.tooDeep(limits))
                return
            }
            guard failure == nil else { return }
            switch parser.error {
            case YAML_SCANNER_ERROR, YAML_PARSER_ERROR, YAML_COMPOSER_ERROR:
                var message = problem
                if let context = parser.context {
                    message += " " + String(cString: context) + " at line \(parser.context_mark.line + 1)"
                }
                failure = .syntax(message, mark)
            case YAML_MEMORY_ERROR:
                failure = .unreadable("libyaml ran out of memory")
            default:
                failure = .unreadable(problem)
            }
        }

        private func location(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }

        /// Yams' duplicate check, for the mapping whose children are pending from `open`, in one pass over the
        /// keys' texts for the usual mapping: keys that are all scalars without a tag of their own (or quoted)
        /// are equal, to Yams, when their texts are (the `basic` resolver makes every such scalar a string). Any
        /// other key, or a duplicate found, takes Yams' own way, grouping whole Yams nodes, so the keys named and
        /// the mark are Yams'.
        private func duplicates(from open: Int) -> Failure? {
            let keys = nodes.pendingKeys(from: open)
            var texts: [String] = []
            texts.reserveCapacity(keys.count)
            var plain = true
            for key in keys {
                let entry = nodes.entries[Int(key)]
                guard entry.kind == .scalar, entry.tag < 0 else {
                    plain = false
                    break
                }
                texts.append(nodes.text(entry))
            }
            if plain, !Self.repeats(texts) { return nil }
            let composed = nodes.build()
            let constructor = Constructor.default
            let written = keys.map { YAMLNode(composed, $0).yams(constructor) }
            let counts = Dictionary(written.map { ($0, 1) }, uniquingKeysWith: +)
            guard counts.values.contains(where: { $0 > 1 }) else { return nil }
            // The repeated keys in the order first written, then sorted as Yams sorts them. Yams' order leaves
            // some keys unordered (a list and a string, or two equal texts of different tags), and taken from a
            // dictionary's keys, whose order changes from one copy to the next, the same text was reported two
            // ways; from the document's order, the sort always meets them alike.
            var repeated: [Node] = [], seen: Set<Node> = []
            for key in written where counts[key, default: 0] > 1 && seen.insert(key).inserted { repeated.append(key) }
            let sorted = repeated.sorted()
            let first = sorted[0].mark ?? Mark(composedLine: 0, column: 0)
            return .duplicate(sorted.map { $0.string ?? "<uncovertable>" }, first)
        }

        /// Whether a text is in `texts` twice: compared pairwise when there are few (most mappings), hashed when many.
        private static func repeats(_ texts: [String]) -> Bool {
            if texts.count <= 12 {
                for first in texts.indices {
                    for second in texts.indices where second > first && texts[first] == texts[second] { return true }
                }
                return false
            }
            return Set(texts).count != texts.count
        }
    }

    static func tooDeep(_ limits: SpecLimits) -> String {
        "mappings and sequences nest more than \(limits.maxDepth) levels deep here; "
            + "no botops resource needs that, so the file is not read"
    }

    /// Where libyaml's zero-based `mark` is, one-based as Yams gives it.
    static func mark(_ mark: yaml_mark_t) -> Mark {
        Mark(composedLine: Int(mark.line) + 1, column: Int(mark.column) + 1)
    }
}

extension Mark {
    /// Yams keeps `Mark`'s memberwise initializer to itself. A `Mark` is its two stored `Int`s, line then
    /// column, laid out as the tuple of them (Yams is built without library evolution, so its layout is the
    /// declaration's); `unsafeBitCast` checks the sizes, and `YAMLComposerTests` checks every mark against the
    /// one Yams makes for the same node.
    init(composedLine line: Int, column: Int) {
        self = unsafeBitCast((line, column), to: Mark.self)
    }
}

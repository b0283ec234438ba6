import CYaml

/// Checks a file against ``SpecLimits`` from libyaml's event stream, before Yams composes nodes.
///
/// Composing is cheap even for a "billion laughs" file, since an alias shares the anchored node;
/// what is exponential is every later walk of the document (decoding, the token scan). The events
/// give the size an alias stands for and the nesting depth in one linear pass with no recursion, so
/// a hostile file costs what its bytes cost. Syntax errors are left for ``YAMLFileParser`` to report.
struct YAMLShapeCheck {
    let limits: SpecLimits
    let context: ReadContext

    /// Reports the first limit `file` breaks; returns whether it is within all of them.
    func check(_ file: SourceFile) -> Bool {
        let bytes = file.text.utf8.count
        if bytes > limits.maxFileBytes {
            context.sink.error(.inputLimit, at: SourceLocation(file: file.path, line: 1, column: 1),
                "the file is \(bytes) bytes, over the limit of \(limits.maxFileBytes); split it into several files "
                + "or raise the limit with --max-file-size")
            return false
        }
        var text = file.text
        return text.withUTF8 { buffer in walk(buffer) }
    }

    /// One open mapping or sequence: the nodes inside it so far and the anchor it defines.
    private struct Frame {
        var nodes = 0
        var anchor: String?
    }

    private func walk(_ buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return true }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        var stack: [Frame] = []
        var anchors: [String: Int] = [:]   // anchor -> nodes it stands for, in the current document
        var aliasNodes = 0
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(&parser, &event) == 1 else { return reportParseError(parser) }
            defer { yaml_event_delete(&event) }
            let location = SourceLocation(file: context.file, line: Int(event.start_mark.line) + 1,
                                          column: Int(event.start_mark.column) + 1)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return true
            case YAML_DOCUMENT_START_EVENT:
                // Anchors are the document's, but the count is the file's: else many small documents,
                // each just under the limit, would add up to the same bomb.
                anchors = [:]
            case YAML_SCALAR_EVENT:
                if let anchor = event.data.scalar.anchor { anchors[String(cString: anchor)] = 1 }
                add(1, to: &stack)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let anchor = event.type == YAML_SEQUENCE_START_EVENT
                    ? event.data.sequence_start.anchor : event.data.mapping_start.anchor
                stack.append(Frame(anchor: anchor.map { String(cString: $0) }))
                if stack.count > limits.maxDepth {
                    context.sink.error(.inputLimit, at: location, tooDeep)
                    return false
                }
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let nodes = frame.nodes + 1
                if let anchor = frame.anchor { anchors[anchor] = nodes }
                add(nodes, to: &stack)
            case YAML_ALIAS_EVENT:
                // An unknown anchor is a composer error that Yams reports; count it as one node.
                let nodes = event.data.alias.anchor.flatMap { anchors[String(cString: $0)] } ?? 1
                aliasNodes += nodes
                if aliasNodes > limits.maxAliasNodes {
                    context.sink.error(.inputLimit, at: location,
                        "aliases in this file repeat more than \(limits.maxAliasNodes) nodes "
                        + "(each alias counts the nodes of its anchor); write the repeated parts out or use fewer aliases")
                    return false
                }
                add(nodes, to: &stack)
            default:
                break
            }
        }
    }

    /// libyaml refuses nesting past 1000 levels itself, and its scanner reads ahead of the events, so a
    /// file of a million `[` ends there, before an event reaches our depth. That is the same limit
    /// being hit; any other error is a syntax error, which Yams reports with its context.
    private func reportParseError(_ parser: yaml_parser_t) -> Bool {
        guard let problem = parser.problem, String(cString: problem).contains("Maximum nesting level") else { return true }
        context.sink.error(.inputLimit, at: SourceLocation(file: context.file, line: Int(parser.problem_mark.line) + 1,
                                                           column: Int(parser.problem_mark.column) + 1),
            tooDeep)
        return false
    }

    private var tooDeep: String {
        "mappings and sequences nest more than \(limits.maxDepth) levels deep here; "
            + "no botops resource needs that, so the file is not read"
    }

    /// Counts `nodes` into the innermost open collection, saturating so a bomb cannot overflow.
    private func add(_ nodes: Int, to stack: inout [Frame]) {
        guard !stack.isEmpty else { return }
        let (sum, overflow) = stack[stack.count - 1].nodes.addingReportingOverflow(nodes)
        stack[stack.count - 1].nodes = overflow ? .max : sum
    }
}

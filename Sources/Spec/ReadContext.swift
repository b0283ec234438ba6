import Yams

/// What every reader of one file shares: the file's path and the diagnostics being collected.
struct ReadContext {
    let file: String
    let sink: DiagnosticSink

    func location(of node: Node) -> SourceLocation {
        location(of: node.mark)
    }

    func location(of mark: Mark?) -> SourceLocation {
        SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}

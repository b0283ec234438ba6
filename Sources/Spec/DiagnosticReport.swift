import Foundation

/// Renders diagnostics for people (the compiler convention editors understand) and for machines (JSON).
public struct DiagnosticReport: Sendable {
    public let diagnostics: [Diagnostic]
    public let documentCount: Int
    public let fileCount: Int
    /// Put before every relative file path, so paths open from the user's working directory.
    public let pathPrefix: String

    public init(diagnostics: [Diagnostic], documentCount: Int, fileCount: Int, pathPrefix: String = "") {
        self.diagnostics = diagnostics.sorted()
        self.documentCount = documentCount
        self.fileCount = fileCount
        self.pathPrefix = pathPrefix
    }

    public init(_ result: LoadResult, pathPrefix: String = "") {
        self.init(diagnostics: result.diagnostics, documentCount: result.documentCount,
                  fileCount: result.fileCount, pathPrefix: pathPrefix)
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    private func path(_ location: SourceLocation) -> String { pathPrefix + location.file }

    /// `file:line:col: error: message`.
    public func line(_ diagnostic: Diagnostic) -> String {
        "\(path(diagnostic.location)):\(diagnostic.location.line):\(diagnostic.location.column): "
            + "\(diagnostic.severity.rawValue): \(diagnostic.message)"
    }

    /// The line of each error, warnings left out.
    public var errorLines: [String] { diagnostics.filter { $0.severity == .error }.map(line) }

    /// `file:line:col: error: message` lines, then a one-line count.
    public func text() -> String {
        var lines = diagnostics.map(line)
        lines.append(summary())
        return lines.joined(separator: "\n") + "\n"
    }

    /// `2 errors, 1 warning in 12 documents (5 files)`.
    public func summary() -> String {
        func plural(_ count: Int, _ word: String) -> String { "\(count) \(word)\(count == 1 ? "" : "s")" }
        return "\(plural(errorCount, "error")), \(plural(warningCount, "warning")) in "
            + "\(plural(documentCount, "document")) (\(plural(fileCount, "file")))"
    }

    /// GitHub Actions annotations, one per diagnostic at its file, line and column, then the count as a
    /// plain line (the runner shows it in the log).
    public func github() -> String {
        var lines = diagnostics.map {
            GitHubAnnotation($0.severity == .error ? .error : .warning, at: $0.location, pathPrefix: pathPrefix,
                             title: "botops \($0.code.rawValue)", message: $0.message).command
        }
        lines.append(summary())
        return lines.joined(separator: "\n") + "\n"
    }

    /// A JSON object: `diagnostics[]` with file, line, column, severity, code and message, plus counts.
    public func json() -> String {
        struct Entry: Encodable {
            let file: String, line: Int, column: Int, severity: String, code: String, message: String
        }
        struct Document: Encodable {
            let valid: Bool, errors: Int, warnings: Int, documents: Int, files: Int, diagnostics: [Entry]
        }
        let document = Document(
            valid: errorCount == 0, errors: errorCount, warnings: warningCount, documents: documentCount, files: fileCount,
            diagnostics: diagnostics.map {
                Entry(file: path($0.location), line: $0.location.line, column: $0.location.column,
                      severity: $0.severity.rawValue, code: $0.code.rawValue, message: $0.message)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

import Yams

/// Splits a file into its YAML documents, turning syntax errors into diagnostics.
///
/// Documents before a syntax error are kept, so their problems are reported too; the rest of the
/// file cannot be read past the error.
struct YAMLFileParser {
    let context: ReadContext

    func documents(of file: SourceFile) -> [Node] {
        var documents: [Node] = []
        do {
            // No resolver rules: YAMLScalar classifies plain scalars, far faster than Yams' regexes.
            // The encoding is given because Yams' default reads the whole process environment for
            // each parser, which a daemon with a token per bot in its environment pays per file.
            let parser = try Parser(yaml: file.text, resolver: .basic, encoding: .utf8)
            while let node = try parser.nextRoot() {
                if case let .scalar(scalar) = node, node.isNullScalar, scalar.string.isEmpty || scalar.string == "~" {
                    continue  // an empty document (a stray `---`) holds nothing
                }
                documents.append(node)
            }
        } catch let error as YamlError {
            report(error, in: file)
        } catch {
            context.sink.error(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "cannot parse YAML: \(error)")
        }
        return documents
    }

    private func report(_ error: YamlError, in file: SourceFile) {
        switch error {
        case let .scanner(yamlContext, problem, mark, _),
             let .parser(yamlContext, problem, mark, _),
             let .composer(yamlContext, problem, mark, _):
            var message = problem
            if let yamlContext { message += " " + yamlContext.text + " at line \(yamlContext.mark.line)" }
            if isTab(at: mark, in: file.text) {
                message = "a tab character is used for indentation; YAML allows spaces only"
            }
            context.sink.error(.yamlSyntax, at: context.location(of: mark), "YAML syntax: " + message)
        case let .duplicatedKeysInMapping(duplicates, yamlContext):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            context.sink.error(.duplicate, at: context.location(of: yamlContext.mark),
                "key \(keys) appears more than once in the same mapping; keep one "
                + "(the rest of this file is checked once this is fixed)")
        case let .reader(problem, _, _, _):
            context.sink.error(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "YAML syntax: " + problem)
        default:
            context.sink.error(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "YAML syntax: \(error)")
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
}

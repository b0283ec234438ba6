import Spec

/// Markers and colours shared by the renderers.
enum PlanStyle {
    /// Terraform's markers: `+/-` creates the replacement first, `-/+` destroys first.
    static func marker(_ change: Change) -> String {
        switch change.action {
        case .create: return "+"
        case .update: return "~"
        case .replace: return change.order == .createBeforeDestroy ? "+/-" : "-/+"
        case .delete: return "-"
        case .noOp: return " "
        }
    }

    static func headline(_ change: Change) -> String {
        switch change.action {
        case .create: return "will be created"
        case .update: return "will be updated in-place"
        case .replace where change.cause == .adoptByReplace:
            return change.order == .createBeforeDestroy ? "will be adopted: replaced by the same, created first, then the old destroyed"
                : "will be adopted: replaced by the same, the old destroyed first"
        case .replace:
            return change.order == .createBeforeDestroy ? "must be replaced: create replacement and then destroy"
                : "must be replaced: destroy and then create replacement"
        case .delete: return "will be destroyed"
        case .noOp: return "is unchanged"
        }
    }

    /// The first `limit` of `items`, then how many more: `a, b, and 3 more`.
    static func shortList(_ items: [String], limit: Int) -> String {
        items.prefix(limit).joined(separator: ", ") + (items.count > limit ? ", and \(items.count - limit) more" : "")
    }

    /// A Markdown table cell naming up to six changed paths as code.
    static func markdownFieldCell(_ fields: [FieldChange]) -> String {
        // A | ends a table cell even inside backticks.
        shortList(fields.map { "`\($0.path.replacingOccurrences(of: "|", with: "\\|"))`" }, limit: 6)
    }

    /// A field as lines of a Markdown ```diff block.
    static func markdownDiffLines(_ field: FieldChange) -> [String] {
        fieldLines(field).map { line in
            // diff highlighting knows + and - only; a change shows as ! (orange in GitHub's theme).
            let marker = line.marker == "~" ? "!" : line.marker
            // A ``` inside the block would end it.
            return "\(marker) \(String(repeating: "    ", count: line.depth))\(line.text.replacingOccurrences(of: "```", with: "'''"))"
        }
    }

    /// The lines about resources that could not be read, one per reason: an unreachable system
    /// is named once with its count, not once per resource.
    static func unknownLines(_ plan: Plan) -> [String] {
        UnknownListing(plan.unknown).items.map { item in
            switch item {
            case let .resource(error):
                return "\(error.address): \(error.message)"
            case let .endpoint(_, first, addresses):
                let shown = addresses.prefix(3).map(\.description).joined(separator: ", ")
                let more = addresses.count > 3 ? " and \(addresses.count - 3) more" : ""
                return "\(first.message) (\(addresses.count) resource\(addresses.count == 1 ? "" : "s"): \(shown)\(more))"
            }
        }
    }

    /// ANSI colour of an action's lines (Terraform's: green add, yellow change, red destroy).
    static func color(_ action: Action) -> String {
        switch action {
        case .create: return "\u{1B}[32m"
        case .update: return "\u{1B}[33m"
        case .replace, .delete: return "\u{1B}[31m"
        case .noOp: return ""
        }
    }

    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"

    /// One rendered line of a field: its marker (`+ - ~` or a space), text, and nesting depth.
    struct Line {
        let marker: String
        let text: String
        let depth: Int
    }

    /// Lists longer than this on one line are shown element by element.
    static let longLine = 100

    /// A field as lines: `path: before -> after` on one line, secrets hidden, or for a long list
    /// (a command set) one line per element, marked as added, removed or kept.
    static func fieldLines(_ field: FieldChange) -> [Line] {
        var lines = valueLines(field)
        if let note = field.note, let first = lines.first {
            lines[0] = Line(marker: first.marker, text: first.text + " (\(note))", depth: first.depth)
        }
        return lines
    }

    private static func valueLines(_ field: FieldChange) -> [Line] {
        if !field.sensitive, let list = listLines(field) { return list }
        switch (field.before, field.after) {
        case (nil, let after?):
            return [Line(marker: "+", text: "\(field.path): \(field.sensitive ? "(sensitive value)" : after.description)", depth: 0)]
        case (let before?, nil):
            return [Line(marker: "-", text: "\(field.path): \(field.sensitive ? "(sensitive value)" : before.description)", depth: 0)]
        case let (before?, after?):
            return [Line(marker: "~", text: field.sensitive ? "\(field.path): (sensitive value changed)"
                         : "\(field.path): \(before.description) -> \(after.description)", depth: 0)]
        case (nil, nil):
            return [Line(marker: "~", text: "\(field.path): (sensitive value changed)", depth: 0)]
        }
    }

    private static func listLines(_ field: FieldChange) -> [Line]? {
        let before = field.before?.arrayValue, after = field.after?.arrayValue
        guard before != nil || after != nil,
              (field.before == nil || before != nil), (field.after == nil || after != nil) else { return nil }
        let oneLine = (field.before?.description.count ?? 0) + (field.after?.description.count ?? 0) + field.path.count
        guard oneLine > longLine else { return nil }
        let marker = before == nil ? "+" : after == nil ? "-" : "~"
        var lines = [Line(marker: marker, text: "\(field.path): [", depth: 0)]
        for (kind, element) in elementDiff(before ?? [], after ?? []) {
            lines.append(Line(marker: kind, text: element.description, depth: 1))
        }
        lines.append(Line(marker: " ", text: "]", depth: 0))
        return lines
    }

    /// The two lists aligned by their longest common subsequence: kept elements marked " ".
    static func elementDiff(_ before: [JSONValue], _ after: [JSONValue]) -> [(String, JSONValue)] {
        let n = before.count, m = after.count
        var common = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var result: [(String, JSONValue)] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, before[i] == after[j] {
                result.append((" ", before[i])); i += 1; j += 1
            } else if j < m, i == n || common[i][j + 1] >= common[i + 1][j] {
                result.append(("+", after[j])); j += 1
            } else {
                result.append(("-", before[i])); i += 1
            }
        }
        return result
    }
}

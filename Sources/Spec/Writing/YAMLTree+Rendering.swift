import Foundation

extension YAMLTree {
    /// The value as block YAML, each line indented by `indent` spaces, ending in a newline; a scalar is
    /// written plain when YAML reads it back as the same string, else double-quoted with JSON's escapes
    /// (a double-quoted YAML scalar takes them all).
    public func rendered(indent: Int = 0) -> String {
        var out = ""
        render(into: &out, indent: indent)
        return out
    }

    private func render(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case let .mapping(entries):
            for entry in entries {
                for line in entry.comment { out += pad + (line.isEmpty ? "#" : "# " + line) + "\n" }
                guard let value = entry.value, !value.isEmpty else { continue }
                if entry.commentedOut {
                    for line in YAMLTree.mapping([YAMLEntry(entry.key, value)]).rendered().split(separator: "\n") {
                        out += pad + "# " + line + "\n"
                    }
                } else if let inline = value.inline {
                    out += pad + Self.key(entry.key) + ": " + inline + "\n"
                } else {
                    out += pad + Self.key(entry.key) + ":\n"
                    value.render(into: &out, indent: indent + 2)
                }
            }
        case let .sequence(items):
            for item in items {
                if let inline = item.inline {
                    out += pad + "- " + inline + "\n"
                } else {
                    // The first line of the item goes after the dash; the rest keep the item's indentation.
                    let body = item.rendered(indent: indent + 2)
                    out += pad + "- " + body.dropFirst(indent + 2)
                }
            }
        default:
            out += pad + (inline ?? "") + "\n"
        }
    }

    /// The value on one line, for scalars, flow mappings and empty collections.
    var inline: String? { inline(flow: false) }

    /// `flow`: inside `[...]` or `{...}`, where a `:` also ends a plain scalar for some readers, so it is quoted.
    private func inline(flow: Bool) -> String? {
        switch self {
        case .null: return "null"
        case let .string(text): return Self.scalar(text, flow: flow)
        case let .int(value): return String(value)
        case let .double(value): return String(value)
        case let .bool(value): return value ? "true" : "false"
        case let .flow(entries):
            return "{" + entries.compactMap { entry in entry.value?.inline(flow: true).map { "\(Self.scalar(entry.key, flow: true)): \($0)" } }
                .joined(separator: ", ") + "}"
        case let .mapping(entries): return entries.isEmpty ? "{}" : nil
        case let .sequence(items):
            if items.isEmpty { return "[]" }
            // A list of short scalars reads best on one line, as people write allowedUpdates or a command.
            let parts = items.compactMap { item -> String? in
                switch item {
                case .null, .string, .int, .double, .bool: return item.inline(flow: true)
                default: return nil
                }
            }
            let line = "[" + parts.joined(separator: ", ") + "]"
            return parts.count == items.count && line.count <= 80 ? line : nil
        }
    }

    private static func key(_ key: String) -> String { scalar(key) }

    /// `text` plain when nothing in YAML could read it otherwise, else as a JSON string.
    static func scalar(_ text: String, flow: Bool = false) -> String {
        isPlainSafe(text) && !(flow && text.contains(":")) ? text : JSONValue.quote(text, printableOnly: true)
    }

    /// Plain only for text that is not empty, starts with a letter, digit, `/`, `.` or `_` that YAML does
    /// not read as another type, and holds no `: `, ` #`, flow characters or line breaks.
    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, text == text.trimmingCharacters(in: .whitespaces) else { return false }
        guard CharacterSet.alphanumerics.contains(first) || "/._".unicodeScalars.contains(first) else { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        if text.unicodeScalars.contains(where: { "{}[],&*!|>'\"%@`\n\r\t".unicodeScalars.contains($0) }) { return false }
        if !text.unicodeScalars.allSatisfy({ $0.isASCII }) { return true }
        return !Self.readsAsOther(text)
    }

    /// YAML 1.1 and 1.2 words and numbers a plain scalar would be read as (booleans, null, numbers, dates).
    private static func readsAsOther(_ text: String) -> Bool {
        let lower = text.lowercased()
        if ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ".inf", ".nan", "-.inf", "+.inf"].contains(lower) { return true }
        if Double(text) != nil || Int(text) != nil { return true }
        if text.hasPrefix("0x") || text.hasPrefix("0o") || text.hasPrefix("0b") { return true }
        // Dates, times and sexagesimal numbers: digits with '-' or ':' only.
        if text.unicodeScalars.allSatisfy({ CharacterSet.decimalDigits.contains($0) || "-:._ ".unicodeScalars.contains($0) }) { return true }
        return false
    }
}

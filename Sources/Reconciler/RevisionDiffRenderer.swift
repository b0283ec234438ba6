import Foundation
import Spec

/// Renders a ``RevisionDiff`` as text, Markdown (a pull-request comment), JSON or GitHub annotations.
public struct RevisionDiffRenderer: Sendable {
    /// Put before every file path, so paths are relative to the repository's root.
    public let pathPrefix: String

    public init(pathPrefix: String = "") {
        self.pathPrefix = pathPrefix
    }

    private func headline(_ entry: RevisionDiff.Entry) -> String {
        switch entry.action {
        case .added: return "is added"
        case .removed: return "is removed"
        case .changed: return "is changed"
        }
    }

    private func marker(_ action: RevisionDiff.Action) -> String {
        switch action {
        case .added: return "+"
        case .removed: return "-"
        case .changed: return "~"
        }
    }

    private func header(_ diff: RevisionDiff) -> String {
        "Declared in \(diff.head.prefix(12)) compared with \(diff.base.prefix(12)) (no live system was read):"
    }

    public func text(_ diff: RevisionDiff) -> String {
        guard !diff.isEmpty else {
            return "No differences: \(diff.head.prefix(12)) declares what \(diff.base.prefix(12)) declares.\n"
        }
        var out = header(diff) + "\n\n"
        for entry in diff.entries {
            out += "  # \(entry.address) \(headline(entry)) (\(pathPrefix)\(entry.location))\n"
            out += "  \(marker(entry.action)) \(entry.address)\n"
            for field in entry.fields {
                for line in PlanStyle.fieldLines(field) {
                    out += "      " + String(repeating: "    ", count: line.depth) + "\(line.marker) \(line.text)\n"
                }
            }
            out += "\n"
        }
        return out + "Diff: \(diff.summary).\n"
    }

    public func markdown(_ diff: RevisionDiff) -> String {
        var out = "### botops diff `\(diff.base.prefix(12))`..`\(diff.head.prefix(12))`\n\n"
        guard !diff.isEmpty else { return out + "**No differences** in what is declared.\n" }
        out += "**\(diff.summary)** (declarations only; no live system was read)\n\n"
        out += "| | Resource | Fields |\n|---|---|---|\n"
        for entry in diff.entries {
            out += "| \(marker(entry.action)) | `\(entry.address)` (\(entry.action.rawValue)) | \(PlanStyle.markdownFieldCell(entry.fields)) |\n"
        }
        out += "\n<details><summary>Details</summary>\n\n```diff\n"
        for (index, entry) in diff.entries.enumerated() {
            if index > 0 { out += "\n" }
            out += "# \(entry.address) \(headline(entry))\n"
            for field in entry.fields {
                for line in PlanStyle.markdownDiffLines(field) { out += line + "\n" }
            }
        }
        return out + "```\n\n</details>\n"
    }

    public func json(_ diff: RevisionDiff) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(diff), as: UTF8.self) + "\n"
    }

    /// The text, then a notice at each resource's declaration; a removed one is a warning with no file,
    /// since its file may be gone at the head.
    public func github(_ diff: RevisionDiff) -> String {
        var out = text(diff)
        for entry in diff.entries {
            let message = "\(entry.address) \(headline(entry)): " + PlanStyle.shortList(entry.fields.map(\.path), limit: 8)
            out += GitHubAnnotation(entry.action == .removed ? .warning : .notice, at: entry.action == .removed ? nil : entry.location,
                                    pathPrefix: pathPrefix,
                                    title: "botops \(entry.action.rawValue) \(entry.address)", message: message).command + "\n"
        }
        return out
    }
}

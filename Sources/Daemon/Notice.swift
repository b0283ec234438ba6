import Foundation
import Spec

/// One event worth telling people about, as every channel receives it.
public struct Notice: Sendable, Hashable {
    public let event: NotificationEvent
    public let project: String
    /// The revision of the pass (nil for a folder).
    public let revision: String?
    /// The revision's page at its forge, when known.
    public let commitURL: String?
    /// One line: what happened.
    public let summary: String
    /// The resources it is about (`Webhook/alpha`), sorted.
    public let resources: [String]
    public let at: Date

    public init(event: NotificationEvent, project: String, revision: String?, commitURL: String?, summary: String,
                resources: [String], at: Date = Date()) {
        self.event = event
        self.project = project
        self.revision = revision
        self.commitURL = commitURL
        self.summary = summary
        self.resources = resources.sorted()
        self.at = at
    }

    /// What makes two notices the same event for rate limiting: all but the time.
    var identity: String {
        [event.rawValue, project, revision ?? "", summary, resources.joined(separator: ",")].joined(separator: "\u{1F}")
    }

    /// Resources a message lists before it says how many more there are.
    static let listedResources = 15

    /// The Telegram message: plain text (no parse mode, so nothing in it needs escaping), a few lines.
    var message: String {
        var lines = ["botops · \(project): \(summary)"]
        if let revision {
            lines.append("Revision \(revision.prefix(12))" + (commitURL.map { " \($0)" } ?? ""))
        }
        let listed = resources.prefix(Self.listedResources)
        lines.append(contentsOf: listed.map { "• \($0)" })
        if resources.count > listed.count { lines.append("… and \(resources.count - listed.count) more") }
        // Telegram takes 4096 UTF-16 units; a summary quoting long errors is cut rather than refused.
        var text = lines.joined(separator: "\n")
        while text.utf16.count > 4000 { text = String(text.dropLast(200)) + "…" }
        return text
    }

    /// The webhook body: `{"event", "project", "revision", "commitURL", "summary", "resources", "at"}`.
    var json: Data {
        let body: JSONValue = .object([
            "event": .string(event.rawValue), "project": .string(project), "revision": revision.map(JSONValue.string) ?? .null,
            "commitURL": commitURL.map(JSONValue.string) ?? .null, "summary": .string(summary),
            "resources": .array(resources.map(JSONValue.string)), "at": .string(ISO8601DateFormatter().string(from: at)),
        ])
        return Data(body.description.utf8)
    }
}

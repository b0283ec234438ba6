import Foundation
import Spec

/// The event log for `botops events`: a line an event, newest first, or the API's JSON.
public struct EventRenderer: Sendable {
    public init() {}

    /// `2026-12-05T10:00:03Z  webhook-error  Webhook/alpha  (alpha)  Telegram could not deliver ...`.
    public func text(_ events: [FleetEvent]) -> String {
        guard !events.isEmpty else { return "No events recorded.\n" }
        let formatter = ISO8601DateFormatter()
        let kindWidth = events.map(\.kind.rawValue.count).max() ?? 0
        let resourceWidth = events.map(\.resource.description.count).max() ?? 0
        return events.map { event in
            [formatter.string(from: event.at), event.kind.rawValue.padding(toLength: kindWidth, withPad: " ", startingAt: 0),
             event.resource.description.padding(toLength: resourceWidth, withPad: " ", startingAt: 0),
             event.bot.map { "(\($0))" } ?? "-", Self.oneLine(event.text)].joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }

    /// `{"events": [...]}`, as `GET /api/v1/events` answers.
    public func json(_ events: [FleetEvent]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(["events": events]), as: UTF8.self) + "\n"
    }

    /// A terminal line stays one line, whatever a live system wrote into an error.
    static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}

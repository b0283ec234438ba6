import Foundation

/// Renders the run history: one line per run for people, or JSON.
public struct HistoryRenderer: Sendable {
    public init() {}

    /// `2026-12-02T01:10:00Z  succeeded  cli  3f9c2ab  +1 ~2 -0 ±0  pid 42 on ci-7`, newest first; with
    /// `changes`, each change of a run under it.
    public func text(_ records: [RunRecord], changes: Bool = false) -> String {
        guard !records.isEmpty else { return "No runs recorded yet.\n" }
        let formatter = ISO8601DateFormatter()
        var out = ""
        for record in records {
            let revision = record.revision.map { String($0.prefix(7)) } ?? "(folder)"
            let counts = "+\(record.counts["create"] ?? 0) ~\(record.counts["update"] ?? 0) "
                + "-\(record.counts["delete"] ?? 0) ±\(record.counts["replace"] ?? 0)"
            let seconds = record.finishedAt.timeIntervalSince(record.run.startedAt)
            out += [formatter.string(from: record.run.startedAt), record.result.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0),
                    record.run.trigger.rawValue, revision, counts, String(format: "%.1fs", seconds),
                    "pid \(record.run.pid) on \(record.run.host)"].joined(separator: "  ") + "\n"
            let failed = record.changes.filter { $0.outcome != .applied }
            for entry in changes ? record.changes : failed {
                out += "    \(entry.address) \(entry.action.rawValue): \(entry.outcome.rawValue)\(entry.message.map { " (\($0))" } ?? "")\n"
            }
            if changes, let omitted = record.omittedChanges, omitted > 0 {
                out += "    and \(omitted) more applied\n"
            }
            for error in record.errors {
                out += "    \(error)\n"
            }
        }
        return out
    }

    /// The records as a JSON array, newest first.
    /// Dates keep their milliseconds, as the state stores do: two runs that took the lock one after the other
    /// within one second must still read in their order (whole seconds made them look as if they overlapped).
    public func json(_ records: [RunRecord]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(date.formatted(Self.instant))
        }
        return String(decoding: try encoder.encode(records), as: UTF8.self) + "\n"
    }

    private static let instant = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}

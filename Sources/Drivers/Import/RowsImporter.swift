import Foundation
import Logging
import PostgresNIO
import Reconciler
import Spec

/// `botops import rows`: rows of another tool's tables (a Django panel's) as Schedule or Booster documents,
/// once, when moving to botops. The query runs in a read-only transaction; each row becomes a document by its
/// columns named like the spec's fields (`name`, `bot`, `cron`, `time_zone` or `timezone`, `args`...).
public struct RowsImporter: Sendable {
    /// The kinds rows can become, with the columns each reads.
    public static let fields: [ResourceKind: [String]] = [
        .schedule: ["name", "bot", "cron", "timezone", "task", "args", "enabled"],
        .booster: ["name", "bot", "channel", "type", "provider", "settings", "enabled"],
    ]

    let url: String
    let logger: Logger

    public init(url: String, logger: Logger = Logger(label: "botops.import")) {
        self.url = url
        self.logger = logger
    }

    /// Runs `query` and writes a document of `kind` per row; `declared` names the documents the configuration
    /// already has, whose rows are skipped and listed.
    public func run(query: String, kind: ResourceKind, declared: Set<String>) async -> ImportedFleet {
        var fleet = ImportedFleet()
        guard let known = Self.fields[kind] else {
            fleet.failures.append("rows become Schedule or Booster documents, not \(kind.rawValue)")
            return fleet
        }
        let rows: [JSONValue]
        do {
            rows = try await read(query)
        } catch {
            fleet.failures.append("the query failed: \(PostgresFailure.reason(error))")
            return fleet
        }
        var unread: Set<String> = []
        var seen: [String: Int] = [:]
        for (index, row) in rows.enumerated() {
            var fields: [String: JSONValue] = [:]
            for (column, value) in row.objectValue ?? [:] {
                let key = Self.field(of: column)
                if known.contains(key) { fields[key] = value } else { unread.insert(column) }
            }
            let number = index + 1
            guard let written = fields["name"], written != .null else {
                fleet.failures.append("row \(number) has no name: select a column as name (e.g. SELECT slug AS name)")
                continue
            }
            let text = written.stringValue ?? written.description
            guard let name = ResourceMetadata.isValidName(text) ? text : ResourceMetadata.name(from: text) else {
                fleet.failures.append("row \(number): '\(text)' cannot name a document")
                continue
            }
            if name != text { fleet.notes.append("row \(number): '\(text)' is named \(kind.rawValue)/\(name)") }
            if declared.contains(name) {
                fleet.notes.append("row \(number): \(kind.rawValue)/\(name) is already declared, so the row is skipped")
                continue
            }
            if let first = seen[name] {
                fleet.failures.append("row \(number): \(kind.rawValue)/\(name) is row \(first)'s name too; name each row apart")
                continue
            }
            seen[name] = number
            fleet.documents.append(ResourceDocument(kind: kind, name: name, header: ["Imported from row \(number) of: \(Self.oneLine(query))"],
                                                    spec: Self.spec(fields, known: known)))
        }
        if !unread.isEmpty {
            fleet.notes.append("columns not read (no such field in a \(kind.rawValue)): " + unread.sorted().joined(separator: ", "))
        }
        return fleet
    }

    /// A column's field: case and underscores aside (`time_zone`, `timeZone` and `TIMEZONE` are `timezone`).
    static func field(of column: String) -> String {
        column.lowercased().replacingOccurrences(of: "_", with: "")
    }

    static func oneLine(_ query: String) -> String {
        let words = query.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return words.count > 100 ? String(words.prefix(99)) + "…" : words
    }

    /// The spec in the order the kind documents it; `enabled` only when false, the default left out.
    static func spec(_ fields: [String: JSONValue], known: [String]) -> YAMLTree {
        var entries: [YAMLEntry] = []
        for key in known where key != "name" {
            guard let value = fields[key], value != .null else { continue }
            switch (key, value) {
            case ("enabled", .bool(true)): continue
            case ("timezone", .string("UTC")): continue
            case let ("args", .object(members)) where members.isEmpty: continue
            case let ("settings", .object(members)) where members.isEmpty: continue
            // A chat id kept as text reads as the number it is.
            case let ("channel", .string(text)) where Int64(text) != nil: entries.append(YAMLEntry(key, .int(Int64(text)!)))
            default: entries.append(YAMLEntry(key, YAMLTree(value)))
            }
        }
        return .mapping(entries)
    }

    /// Every row as JSON, in a read-only transaction: the query cannot change anything, whatever it says.
    private func read(_ query: String) async throws -> [JSONValue] {
        let location = try PostgresLocation(url: url)
        let connection = try await PostgresConnection.connect(configuration: try location.configuration(connectTimeout: .seconds(10)),
                                                              id: 1, logger: logger)
        do {
            try await connection.query("BEGIN TRANSACTION READ ONLY", logger: logger)
            let trimmed = query.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
            let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT row_to_json(q)::text FROM (\(trimmed)) AS q"), logger: logger)
            var result: [JSONValue] = []
            for try await (text) in rows.decode(String.self) { result.append(PostgresRows.json(text)) }
            try await connection.query("ROLLBACK", logger: logger)
            try await connection.close()
            return result
        } catch {
            // The query's error is the one to report; a close that fails as well adds nothing to it.
            do { try await connection.close() } catch { logger.debug("closing after a failed query", metadata: ["error": "\(error)"]) }
            throw error
        }
    }
}

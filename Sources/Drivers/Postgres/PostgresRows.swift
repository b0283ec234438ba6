import Foundation
import Reconciler
import Spec

/// The canonical values of the rows botops manages, shared by the desired and the observed side.
///
/// Columns that workers own (`last_run_at`, `last_error`, counters) are not part of them, so they
/// never show as drift and are never written.
enum PostgresRows {
    /// `next_run` while the stored `next_run_at` is ahead (or due within this grace, which a worker
    /// is about to claim): not drift.
    static let upcoming: JSONValue = "upcoming"
    static let never: JSONValue = "never"
    static let dueGrace: TimeInterval = 600

    static func schedule(_ schedule: Schedule) -> JSONValue {
        .object([
            "bot": schedule.bot.map(JSONValue.string) ?? .null,
            "cron": .string(schedule.cron.source),
            "timezone": .string(schedule.timezone),
            "task": .string(schedule.task),
            "args": canonical(.object(schedule.args)),
            "enabled": .bool(schedule.enabled),
            "next_run": schedule.cron.firesAtAll ? upcoming : never,
        ])
    }

    static func booster(_ booster: Booster) -> JSONValue {
        .object([
            "bot": booster.bot.map(JSONValue.string) ?? .null,
            "channel": .string(booster.channel.description),
            "type": .string(booster.type.rawValue),
            "provider": .string(booster.provider),
            "settings": canonical(.object(booster.settings)),
            "enabled": .bool(booster.enabled),
        ])
    }

    /// The state of a stored `next_run_at`: upcoming, never, or the past instant that makes it drift.
    static func nextRun(_ stored: Date?, now: Date = Date()) -> JSONValue {
        guard let stored else { return never }
        if stored.timeIntervalSince(now) > -dueGrace { return upcoming }
        return .string(stored.formatted(.iso8601))
    }

    /// A JSON value as it reads back from the `jsonb` column botops wrote it to (its text is
    /// ``JSONValue/description``, which writes a whole double as an integer), so both sides compare equal.
    static func canonical(_ value: JSONValue) -> JSONValue {
        switch value {
        case let .double(number) where number == number.rounded() && abs(number) < 1e15: return .int(Int(number))
        case let .array(items): return .array(items.map(canonical))
        case let .object(members): return .object(members.mapValues(canonical))
        default: return value
        }
    }

    /// A `jsonb` column's text.
    static func json(_ text: String) -> JSONValue {
        // A column botops wrote always parses; a hand-made one that does not shows as drift.
        JSONValue.parsed(text.utf8) ?? .string(text)
    }
}

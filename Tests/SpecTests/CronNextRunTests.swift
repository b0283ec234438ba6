import Foundation
import Spec
import Testing

/// When a schedule runs next: Vixie cron's rules, read in the schedule's time zone, across DST.
@Suite("Cron: the next run", .timeLimit(.minutes(1)))
struct CronNextRunTests {
    static func date(_ text: String) -> Date {
        try! Date(text, strategy: .iso8601)
    }

    static func next(_ expression: String, _ zone: String, after: String) throws -> String? {
        let cron = try CronExpression(parsing: expression)
        let zone = try #require(TimeZone(identifier: zone))
        return cron.nextRun(after: date(after), in: zone)?.formatted(.iso8601)
    }

    @Test(arguments: [
        // Moscow has had no DST since 2014: always UTC+3.
        ("0 8 * * *", "Europe/Moscow", "2026-12-02T06:00:00Z", "2026-12-03T05:00:00Z"),
        ("0 8 * * *", "Europe/Moscow", "2026-07-01T04:59:00Z", "2026-07-01T05:00:00Z"),
        // Berlin springs forward on 2026-03-29 at 02:00: a 02:30 job runs once, when the gap ends (03:00 CEST).
        ("30 2 * * *", "Europe/Berlin", "2026-03-29T00:00:00Z", "2026-03-29T01:00:00Z"),
        ("30 2 * * *", "Europe/Berlin", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"),
        // ...and falls back on 2026-10-25 at 03:00: 02:30 happens twice and runs the first time only.
        ("30 2 * * *", "Europe/Berlin", "2026-10-24T23:00:00Z", "2026-10-25T00:30:00Z"),
        ("30 2 * * *", "Europe/Berlin", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"),
        // New York springs forward on 2026-03-08 at 02:00 EST.
        ("0 2 * * *", "America/New_York", "2026-03-08T05:00:00Z", "2026-03-08T07:00:00Z"),
        ("15 1 * * *", "America/New_York", "2026-11-01T04:00:00Z", "2026-11-01T05:15:00Z"),
        ("15 1 * * *", "America/New_York", "2026-11-01T05:15:00Z", "2026-11-02T06:15:00Z"),
        // A wildcard hour follows the clock: nothing in the gap, both passes of a repeated hour.
        ("7 * * * *", "America/New_York", "2030-03-10T06:40:00Z", "2030-03-10T07:07:00Z"),
        ("35 * * * *", "Europe/Berlin", "2026-10-25T00:40:00Z", "2026-10-25T01:35:00Z"),
        // A fixed hour with a wildcard minute still fires once at the end of the gap.
        ("*/16 2 * * *", "Europe/Berlin", "2026-03-28T23:29:30Z", "2026-03-29T01:00:00Z"),
        // Leap days, macros, steps.
        ("0 0 29 2 *", "UTC", "2026-03-01T00:00:00Z", "2028-02-29T00:00:00Z"),
        ("@yearly", "UTC", "2026-12-02T00:00:00Z", "2027-01-01T00:00:00Z"),
        ("*/15 * * * *", "UTC", "2026-12-02T10:07:30Z", "2026-12-02T10:15:00Z"),
        // Day of month OR day of week when both are restricted: the 13th, or a Friday.
        ("0 12 13 * 5", "UTC", "2026-12-02T00:00:00Z", "2026-12-04T12:00:00Z"),
        ("0 12 13 * 5", "UTC", "2026-12-11T13:00:00Z", "2026-12-13T12:00:00Z"),
        // Only one restricted: it must match.
        ("0 12 * * 5", "UTC", "2026-12-11T13:00:00Z", "2026-12-18T12:00:00Z"),
        ("0 12 13 * *", "UTC", "2026-12-13T12:00:00Z", "2027-01-13T12:00:00Z"),
        // Vixie counts a field starting with * as unrestricted: */2 days AND Fridays, not OR.
        ("0 12 */2 * 5", "UTC", "2026-12-02T00:00:00Z", "2026-12-11T12:00:00Z"),
        // A rare date: November Sundays on the 1st, 8th... (all one weekday) come ten years apart.
        ("0 1 */7 11 0", "UTC", "2027-01-01T00:00:00Z", "2037-11-01T01:00:00Z"),
    ])
    func nextRun(_ expression: String, _ zone: String, _ after: String, _ expected: String) throws {
        #expect(try Self.next(expression, zone, after: after) == expected)
    }

    @Test func anExpressionThatNeverFiresHasNoNextRun() throws {
        #expect(try Self.next("0 0 31 2 *", "UTC", after: "2026-01-01T00:00:00Z") == nil)
    }
}

import Foundation

extension CronExpression {
    /// The first instant strictly after `date` at which the expression fires, read in `timeZone`, as
    /// Vixie cron does: day of month and day of week OR-ed when both are restricted (a field is
    /// unrestricted when it starts with `*`, so `*/2` is too). Across daylight saving time:
    /// - a job with a fixed hour whose wall-clock time is skipped by a spring-forward fires once, at the
    ///   first instant after the gap; one whose time happens twice (a fall-back) fires once, the first time;
    /// - a job whose hour field is a wildcard (`*`, `*/2`) follows the clock: times in the gap do not
    ///   happen, and a repeated hour is an hour like any other, so it fires in both passes.
    /// scripts/check-cron compares this with croniter. Nil when it never fires (`0 0 31 2 *`).
    public func nextRun(after date: Date, in timeZone: TimeZone) -> Date? {
        let after = Int(date.timeIntervalSince1970.rounded(.down))
        // Start a day early: the local date of `after` depends on an offset that may be about to change.
        let firstDay = Self.floorDiv(after + timeZone.secondsFromGMT(for: date), 86_400) - 1
        let sortedHours = Array(hours), sortedMinutes = Array(minutes)  // a field yields its values in order
        // In a repeated hour, the first pass of a later wall time comes before the second pass of an
        // earlier one: take the earliest instant of the day found and of the day after it.
        var best: Int?
        // Every date falls on every weekday within 28 years (a leap day too), so a later run never comes.
        var lastDay = firstDay + 28 * 366 + 2
        var day = firstDay
        while day <= lastDay {
            defer { day += 1 }
            let (_, month, dayOfMonth) = Self.civil(fromDays: day)
            guard months.contains(month), matchesDay(dayOfMonth: dayOfMonth, dayOfWeek: Self.floorMod(day + 4, 7)) else { continue }
            for hour in sortedHours {
                for minute in sortedMinutes {
                    let wall = day * 86_400 + hour * 3_600 + minute * 60
                    guard let instant = firstInstant(ofWallTime: wall, in: timeZone, after: after) else { continue }
                    best = min(best ?? instant, instant)
                    lastDay = min(lastDay, day + 1)
                    // Outside a repeated hour the first one found is the earliest.
                    if !isWildcardJob { break }
                }
            }
        }
        return best.map { Date(timeIntervalSince1970: TimeInterval($0)) }
    }

    /// Whether the expression fires at all, in any zone: ``nextRun(after:in:)`` is nil exactly when it does not.
    ///
    /// Worked out from the fields alone, without the 28 years of days `nextRun` may walk (a converged plan asks it
    /// of every Schedule). Only a day-of-month field can rule every day out, and only when the day of week is
    /// unrestricted (else a weekday always comes, OR-ed or alone): then some month the expression allows must have
    /// one of its days (February has 29, once in four years). Time zones do not matter: a fixed time a
    /// spring-forward skips fires when the gap ends, and a wildcard hour has hours outside any gap.
    public var firesAtAll: Bool {
        guard dayOfMonthRestricted, !dayOfWeekRestricted, let firstDay = daysOfMonth.min() else { return true }
        let longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return months.contains { firstDay <= longest[$0 - 1] }
    }

    /// Vixie cron: a day matches both day fields, except that when both are restricted either is enough.
    func matchesDay(dayOfMonth: Int, dayOfWeek: Int) -> Bool {
        let byMonthDay = daysOfMonth.contains(dayOfMonth), byWeekDay = daysOfWeek.contains(dayOfWeek)
        return dayOfMonthRestricted && dayOfWeekRestricted ? byMonthDay || byWeekDay : byMonthDay && byWeekDay
    }

    /// Whether the job follows the clock through DST changes rather than keeping its fixed hour.
    var isWildcardJob: Bool { expandedHour.hasPrefix("*") }

    /// The first instant after `after` at which the wall-clock time `wall` (seconds since 1970-01-01
    /// 00:00 local) happens in `zone`, by the DST rules above; nil when it does not fire for `wall`.
    private func firstInstant(ofWallTime wall: Int, in zone: TimeZone, after: Int) -> Int? {
        let (instants, gapEnd) = Self.instants(ofWallTime: wall, in: zone)
        if isWildcardJob { return instants.first { $0 > after } }
        guard let first = instants.first ?? gapEnd else { return nil }
        return first > after ? first : nil
    }

    /// Every instant whose wall-clock time in `zone` is `wall`, earliest first: none inside a
    /// spring-forward gap (then `gapEnd` is the instant the gap ends), two in a repeated hour.
    static func instants(ofWallTime wall: Int, in zone: TimeZone) -> (instants: [Int], gapEnd: Int?) {
        // The offsets in force a day either side cover every transition near `wall`.
        let before = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall - 86_400)))
        let after = zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(wall + 86_400)))
        let valid = Set([before, after]).map { wall - $0 }.filter {
            zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval($0))) == wall - $0
        }.sorted()
        if !valid.isEmpty { return (valid, nil) }
        // In the gap: neither offset gives this wall time back. The gap ends at the transition after
        // the instant the later offset would give.
        let start = Date(timeIntervalSince1970: TimeInterval(wall - max(before, after)))
        let transition = zone.nextDaylightSavingTimeTransition(after: start.addingTimeInterval(-1))
        return ([], transition.map { Int($0.timeIntervalSince1970.rounded(.up)) } ?? wall - before)
    }

    /// Year, month, day of the proleptic Gregorian calendar for days since 1970-01-01
    /// (Howard Hinnant's `civil_from_days`).
    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
    static func floorMod(_ a: Int, _ b: Int) -> Int { a - floorDiv(a, b) * b }
}

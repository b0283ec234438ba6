import Foundation

/// A five-field cron expression (minute hour day-of-month month day-of-week), as Vixie cron reads it:
/// names (`MON`, `JAN`), ranges, steps, lists, and the `@hourly`-style macros.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    /// The expression as written.
    public let source: String
    public let minutes: CronField
    public let hours: CronField
    public let daysOfMonth: CronField
    public let months: CronField
    /// 0 = Sunday ... 6 = Saturday (7 is folded into 0).
    public let daysOfWeek: CronField
    /// Vixie cron: when both day fields are restricted, a day matches if either matches.
    public let dayOfMonthRestricted: Bool
    public let dayOfWeekRestricted: Bool
    /// The hour field as written (after a macro is expanded), for the DST rules of ``nextRun(after:in:)``.
    let expandedHour: String

    public var description: String { source }

    /// Why an expression does not parse.
    public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    static let macros: [String: String] = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *",
        "@weekly": "0 0 * * 0", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]

    private struct Field {
        let name: String
        let range: ClosedRange<Int>
        let names: [String]
        let nameOffset: Int
    }

    private static let fields: [Field] = [
        Field(name: "minute", range: 0...59, names: [], nameOffset: 0),
        Field(name: "hour", range: 0...23, names: [], nameOffset: 0),
        Field(name: "day of month", range: 1...31, names: [], nameOffset: 0),
        Field(name: "month", range: 1...12,
              names: ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], nameOffset: 1),
        Field(name: "day of week", range: 0...7, names: ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], nameOffset: 0),
    ]

    public init(parsing text: String) throws(ParseError) {
        // Foundation's trimming is a tenth of the parse; most expressions have nothing to trim.
        let trimmed = text.first.map(Self.isPlainEdge) == true && text.last.map(Self.isPlainEdge) == true
            ? text : text.trimmingCharacters(in: .whitespaces)
        let expanded: String
        if trimmed.hasPrefix("@") {
            guard let macro = CronExpression.macros[trimmed.lowercased()] else {
                throw ParseError(message: "unknown cron macro '\(trimmed)'; use one of "
                    + CronExpression.macros.keys.sorted().joined(separator: ", "))
            }
            expanded = macro
        } else {
            expanded = trimmed
        }
        let parts = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard parts.count == 5 else {
            throw ParseError(message: "cron expression '\(trimmed)' has \(parts.count) field\(parts.count == 1 ? "" : "s"); "
                + "expected 5 (minute hour day-of-month month day-of-week)")
        }
        var sets: [CronField] = []
        sets.reserveCapacity(5)
        for (part, field) in zip(parts, CronExpression.fields) {
            sets.append(try CronExpression.parseField(part, field))
        }
        source = trimmed
        minutes = sets[0]
        hours = sets[1]
        daysOfMonth = sets[2]
        months = sets[3]
        var weekdays = sets[4]
        if weekdays.contains(7) { weekdays = CronField(weekdays.map { $0 == 7 ? 0 : $0 }) }
        daysOfWeek = weekdays
        dayOfMonthRestricted = !parts[2].hasPrefix("*")
        dayOfWeekRestricted = !parts[4].hasPrefix("*")
        expandedHour = String(parts[1])
    }

    /// A character that `trimmingCharacters(in: .whitespaces)` would keep at an edge, known without asking it.
    private static func isPlainEdge(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii > 0x20 && ascii < 0x7F
    }

    private static func parseField(_ text: Substring, _ field: Field) throws(ParseError) -> CronField {
        var values = CronField()
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard !item.isEmpty else {
                throw ParseError(message: "empty list item in the \(field.name) field '\(text)'")
            }
            let rangeAndStep = item.split(separator: "/", omittingEmptySubsequences: false)
            guard rangeAndStep.count <= 2 else {
                throw ParseError(message: "'\(item)' in the \(field.name) field has more than one '/'")
            }
            var step = 1
            if rangeAndStep.count == 2 {
                guard let value = Int(rangeAndStep[1]), value > 0 else {
                    throw ParseError(message: "step '\(rangeAndStep[1])' in the \(field.name) field must be a positive number")
                }
                step = value
            }
            let rangeText = rangeAndStep[0]
            var low: Int, high: Int
            if rangeText == "*" {
                low = field.range.lowerBound
                high = field.name == "day of week" ? 6 : field.range.upperBound
            } else {
                let bounds = rangeText.split(separator: "-", omittingEmptySubsequences: false)
                guard bounds.count <= 2 else {
                    throw ParseError(message: "'\(rangeText)' in the \(field.name) field is not a value or a range")
                }
                low = try value(bounds[0], field)
                high = bounds.count == 2 ? try value(bounds[1], field) : low
                if bounds.count == 1 && rangeAndStep.count == 2 {
                    high = field.range.upperBound
                }
                guard low <= high else {
                    throw ParseError(message: "range '\(rangeText)' in the \(field.name) field runs backwards")
                }
            }
            values.insert(from: low, through: high, by: step)
        }
        return values
    }

    private static func value(_ text: Substring, _ field: Field) throws(ParseError) -> Int {
        if let number = Int(text) {
            guard field.range.contains(number) else {
                throw ParseError(message: "\(field.name) \(number) is out of range "
                    + "\(field.range.lowerBound)-\(field.range.upperBound)")
            }
            return number
        }
        if let index = field.names.firstIndex(of: text.uppercased()) {
            return index + field.nameOffset
        }
        let hint = field.names.isEmpty ? "" : " (names: \(field.names.joined(separator: ", ")))"
        throw ParseError(message: "'\(text)' is not a valid \(field.name)\(hint)")
    }
}

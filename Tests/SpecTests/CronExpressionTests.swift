import Testing
@testable import Spec

@Suite("Cron expressions", .timeLimit(.minutes(1)))
struct CronExpressionTests {
    @Test func parsesFieldsNamesRangesStepsAndLists() throws {
        let cron = try CronExpression(parsing: "*/15 9-17 1,15 JAN-MAR mon-fri")
        #expect(cron.minutes == [0, 15, 30, 45])
        #expect(cron.hours == CronField(9...17))
        #expect(cron.daysOfMonth == [1, 15])
        #expect(cron.months == [1, 2, 3])
        #expect(cron.daysOfWeek == [1, 2, 3, 4, 5])
        #expect(cron.dayOfMonthRestricted && cron.dayOfWeekRestricted)
    }

    @Test func sundayIsZeroOrSeven() throws {
        #expect(try CronExpression(parsing: "0 0 * * 7").daysOfWeek == [0])
        #expect(try CronExpression(parsing: "0 0 * * 5-7").daysOfWeek == [5, 6, 0])
    }

    @Test func stepFromAValueRunsToTheEnd() throws {
        #expect(try CronExpression(parsing: "5/20 * * * *").minutes == [5, 25, 45])
        #expect(try CronExpression(parsing: "5/9223372036854775807 * * * *").minutes == [5], "a huge step does not overflow")
        #expect(try CronExpression(parsing: "0 0 * * 0-7/7").daysOfWeek == [0])
        #expect(Array(try CronExpression(parsing: "59,0,30 * * * *").minutes) == [0, 30, 59], "values come in order")
    }

    @Test func blanksAroundTheExpressionAreTrimmed() throws {
        #expect(try CronExpression(parsing: " \t0 5 * * *\u{00A0}").source == "0 5 * * *")
        #expect(try CronExpression(parsing: "@daily ").minutes == [0])
    }

    @Test(arguments: ["@hourly", "@daily", "@weekly", "@monthly", "@yearly", "@annually", "@midnight"])
    func macros(_ macro: String) throws {
        #expect(try CronExpression(parsing: macro).minutes == [0])
    }

    @Test(arguments: [
        ("0 0 * *", "has 4 fields"), ("60 * * * *", "minute 60 is out of range 0-59"),
        ("0 24 * * *", "hour 24 is out of range 0-23"), ("0 0 0 * *", "day of month 0 is out of range 1-31"),
        ("0 0 * 13 *", "month 13 is out of range 1-12"), ("0 0 * * MOM", "'MOM' is not a valid day of week"),
        ("0 0 * * 8", "day of week 8 is out of range 0-7"), ("*/0 * * * *", "must be a positive number"),
        ("5-1 * * * *", "runs backwards"), ("@often", "unknown cron macro"), ("1,,2 * * * *", "empty list item"),
    ])
    func rejects(_ text: String, _ message: String) {
        #expect {
            try CronExpression(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }
}

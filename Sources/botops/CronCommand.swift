import ArgumentParser
import Foundation
import Spec

/// `botops cron next`: when a cron expression fires next, as botops computes a Schedule's `next_run_at`.
struct CronCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cron",
        abstract: "Work out when cron expressions fire, as botops does for Schedules.",
        subcommands: [Next.self]
    )

    struct Next: LoggedCommand {
        static let configuration = CommandConfiguration(
            commandName: "next",
            abstract: "Print the next runs of a cron expression (Vixie cron rules, in a time zone, across DST).",
            discussion: """
                With --batch, reads lines 'EXPRESSION<TAB>TIMEZONE<TAB>AFTER' from standard input and prints the next \
                run of each (or 'never', or 'error: ...'), one line each: how the test suite compares botops with croniter.
                """
        )

        @Argument(help: "The cron expression, e.g. \"30 2 * * *\" or @daily.")
        var expression: String?

        @Option(help: "IANA time zone the expression is read in.")
        var timezone = "UTC"

        @Option(help: ArgumentHelp("Start after this instant (ISO 8601); default now.", valueName: "instant"))
        var after: String?

        @Option(help: "How many runs to print.")
        var count = 5

        @Flag(help: "Read many expressions from standard input.")
        var batch = false

        func validate() throws {
            if !batch && expression == nil { throw ValidationError("give a cron expression, or --batch") }
            guard count >= 1 else { throw ValidationError("--count must be 1 or more") }
        }

        @OptionGroup var logging: LoggingOptions

        func execute() async throws {
            if batch {
                var out = ""
                while let line = readLine() {
                    let parts = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    guard parts.count == 3 else { out += "error: expected 3 tab-separated fields\n"; continue }
                    out += answer(parts[0], zone: parts[1], after: parts[2]) + "\n"
                }
                Terminal.write(out)
                return
            }
            guard let expression else { return }
            let cron: CronExpression
            do {
                cron = try CronExpression(parsing: expression)
            } catch {
                Terminal.error(error.message)
                throw ExitCode(1)
            }
            guard let zone = TimeZone(identifier: timezone) else {
                Terminal.error("unknown time zone '\(timezone)'; use an IANA name such as Europe/Berlin")
                throw ExitCode(1)
            }
            var instant = Date()
            if let after {
                guard let parsed = try? Date(after, strategy: .iso8601) else {
                    Terminal.error("--after takes an ISO 8601 instant such as 2026-03-29T00:00:00Z, not '\(after)'")
                    throw ExitCode(1)
                }
                instant = parsed
            }
            var lines = ""
            for _ in 0..<count {
                guard let next = cron.nextRun(after: instant, in: zone) else { break }
                lines += "\(next.formatted(.iso8601))  \(next.formatted(Date.VerbatimFormatStyle(format: "\(weekday: .abbreviated) \(year: .defaultDigits)-\(month: .twoDigits)-\(day: .twoDigits) \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)", timeZone: zone, calendar: Calendar(identifier: .gregorian)))) \(timezone)\n"
                instant = next
            }
            Terminal.write(lines.isEmpty ? "never\n" : lines)
        }

        private func answer(_ expression: String, zone: String, after: String) -> String {
            guard let cron = try? CronExpression(parsing: expression) else { return "error: does not parse" }
            guard let timeZone = TimeZone(identifier: zone) else { return "error: unknown time zone" }
            guard let instant = try? Date(after, strategy: .iso8601) else { return "error: bad instant" }
            return cron.nextRun(after: instant, in: timeZone)?.formatted(.iso8601) ?? "never"
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import Spec

/// Whether a schedule ever fires, known from its fields alone, is what walking the calendar finds, in any zone.
@Suite("Cron: whether an expression fires at all", .timeLimit(.minutes(1)))
struct CronFiresAtAllTests {
    @Test(arguments: [
        ("0 0 31 2 *", false), ("0 0 30 2 *", false), ("0 0 31 4,6,9,11 *", false), ("0 0 29 2 *", true),
        ("0 0 31 2 MON", true), ("0 0 31 1-2 *", true), ("0 0 */31 2 *", true), ("@yearly", true), ("0 0 30,31 2 *", false),
    ])
    func knownCases(_ expression: String, _ fires: Bool) throws {
        #expect(try CronExpression(parsing: expression).firesAtAll == fires)
    }

    /// Random expressions whose day fields often rule days out, against `nextRun` in a random zone.
    @Test func agreesWithTheCalendarOnRandomExpressions() async throws {
        let (checked, never, disagreements) = await SpecTestSupport.offThePool { () -> (Int, Int, [String]) in
            var random = SplitMix(seed: 0x4649_5245)
            let days = ["*", "*/2", "1", "28", "29", "30", "31", "30,31", "29-31", "15-20/3"]
            let months = ["*", "2", "4,6,9,11", "2,4", "1-2", "FEB", "11", "*/5"]
            let weekdays = ["*", "*", "*", "MON", "0", "1-5", "*/3"]
            let zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata"]
            let after = Date(timeIntervalSince1970: 1_796_000_000)
            var never = 0, disagreements: [String] = []
            for _ in 0..<300 {
                let text = "\(random.next() % 60) \(random.next() % 24) \(days[Int(random.next() % UInt64(days.count))]) "
                    + "\(months[Int(random.next() % UInt64(months.count))]) \(weekdays[Int(random.next() % UInt64(weekdays.count))])"
                let cron: CronExpression
                do throws(CronExpression.ParseError) {
                    cron = try CronExpression(parsing: text)
                } catch {
                    disagreements.append("\(text) does not parse: \(error.message)")
                    continue
                }
                guard let zone = TimeZone(identifier: zones[Int(random.next() % 5)]) else {
                    disagreements.append("no zone for \(text)")
                    continue
                }
                let walked = cron.nextRun(after: after, in: zone) != nil
                if !walked { never += 1 }
                if walked != cron.firesAtAll { disagreements.append("\(text) in \(zone.identifier): the calendar says \(walked)") }
            }
            return (300, never, disagreements)
        }
        #expect(disagreements.isEmpty, "\(disagreements)")
        #expect(never >= 10 && never < checked, "both answers are reached: \(never) of \(checked) never fire")
    }
}

import AsyncHTTPClient
import Foundation
import Testing
@testable import Drivers

@Suite("Telegram client: pacing and masking", .timeLimit(.minutes(5)))
struct TelegramClientPacingTests {
    /// Measured on a virtual clock, so the bounds are exact and no test waits in real time.
    @Test func fleetWideRateIsACeiling() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(perBotPerSecond: 0, requestsPerSecond: 50, clock: clock)
        let start = clock.now
        for index in 0..<21 { try await limiter.acquire(bot: "bot\(index)") }
        #expect(start.duration(to: clock.now) == .milliseconds(400), "21 calls at 50/s span 20 intervals of 20 ms")
    }

    @Test func eachBotHasItsOwnBudgetAndNoFleetCeilingByDefault() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(perBotPerSecond: 20, clock: clock)
        let start = clock.now
        // A burst within the budget goes at once, for any number of bots.
        for bot in 0..<50 { for _ in 0..<20 { try await limiter.acquire(bot: "bot\(bot)") } }
        #expect(clock.now == start, "1,000 calls of 50 bots within their budgets wait for nothing")
        // Past its budget, one bot is paced at its rate; the others are not held up.
        let paced = clock.now
        for _ in 0..<10 { try await limiter.acquire(bot: "bot0") }
        #expect(paced.duration(to: clock.now) == .milliseconds(500), "10 calls past the budget at 20/s take 500 ms")
        let other = clock.now
        try await limiter.acquire(bot: "bot1")
        #expect(other == clock.now, "another bot's budget refilled meanwhile")
    }

    @Test func aPausedBotWaitsAndOthersDoNot() async throws {
        let clock = VirtualClock()
        let limiter = RequestRateLimiter(perBotPerSecond: 0, requestsPerSecond: 0, clock: clock)
        await limiter.pause(bot: "flooded", seconds: 1)
        let start = clock.now
        try await limiter.acquire(bot: "other")
        #expect(clock.now == start)
        try await limiter.acquire(bot: "flooded")
        #expect(start.duration(to: clock.now) == .milliseconds(1050), "retry_after and a margin of 50 ms, never less")
        clock.advance(by: .seconds(5))
        let later = clock.now
        try await limiter.acquire(bot: "flooded")
        #expect(later == clock.now, "the pause is over")
    }

    @Test func networkErrorsNeverCarryTheToken() async throws {
        let token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"
        // Port 1 on loopback refuses at once; one attempt, so the test is quick.
        // AsyncHTTPClient retries a refused connection until the deadline: keep the deadline short.
        let client = TelegramClient(baseURL: "http://127.0.0.1:1", http: .shared, retry: RetryPolicy(maxAttempts: 1),
                                    timeout: .seconds(2))
        await #expect {
            try await client.call("getMe", token: token)
        } throws: { error in
            let text = "\(error)"
            return !text.contains("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ") && (error as? TelegramAPIError)?.code == 0
                && (error as? TelegramAPIError)?.description == "cannot reach http://127.0.0.1:1: connection refused"
        }
        #expect(TokenMask.mask("GET /bot\(token)/getMe failed", token: token) == "GET /bot123456789:***/getMe failed")
    }
}

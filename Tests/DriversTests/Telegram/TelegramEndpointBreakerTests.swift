import Foundation
import Synchronization
import Testing
@testable import Drivers

/// When an endpoint that cannot be connected to counts as down.
@Suite("Telegram: the endpoint breaker", .timeLimit(.minutes(5)))
struct TelegramEndpointBreakerTests {
    @Test func threeFailedConnectionsMakeTheEndpointDownAndAnAnswerBringsItBack() async {
        let breaker = EndpointBreaker(failures: 3, window: .seconds(10), downFor: .seconds(60))
        let now = ContinuousClock.now
        #expect(await breaker.failed(started: now, reason: "connection refused") == false)
        #expect(await breaker.failed(started: now, reason: "connection refused") == false)
        #expect(await breaker.down() == nil, "two failures are still worth retrying")
        #expect(await breaker.failed(started: now, reason: "connection refused") == true)
        #expect(await breaker.down() == "connection refused")
        await breaker.succeeded()
        #expect(await breaker.down() == nil)
    }

    @Test func slowFailuresCountByTheirWindow() async {
        // Connection attempts that time out after 5 s each: two of them span the 10 s window.
        let breaker = EndpointBreaker(failures: 3, window: .seconds(10), downFor: .seconds(60))
        let first = ContinuousClock.now - .seconds(11)
        #expect(await breaker.failed(started: first, reason: "connection timed out") == true,
                "failing for longer than the window is enough, whatever the count")
    }

    @Test func theEndpointIsTriedAgainAfterItsDownTime() async throws {
        let start = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let breaker = EndpointBreaker(failures: 1, window: .seconds(10), downFor: .seconds(60)) { start + elapsed.withLock { $0 } }
        _ = await breaker.failed(started: start, reason: "connection refused")
        #expect(await breaker.down() == "connection refused")
        elapsed.withLock { $0 = .seconds(59) }
        #expect(await breaker.down() != nil, "still down within its down time")
        elapsed.withLock { $0 = .seconds(60) }
        #expect(await breaker.down() == nil, "a daemon's next pass tries again")
    }
}

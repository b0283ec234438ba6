import Reconciler
import Testing

@Suite("Pass schedule: start, interval with jitter, coalesced requests, retries apart from the interval", .timeLimit(.minutes(1)))
struct PassScheduleTests {
    let t0 = ContinuousClock.now

    func schedule(interval: Duration = .seconds(300)) -> PassSchedule {
        PassSchedule(interval: interval, jitter: 0.1, retryBase: .seconds(2), retryMax: .seconds(60), start: t0, seed: 42)
    }

    @Test func aFullPassRunsOnStartThenEveryIntervalWithinTenPercent() throws {
        var s = schedule()
        #expect(s.wakeAt(now: t0) == t0)
        let startedFirst = s.start(now: t0)
        let first = try #require(startedFirst)
        #expect(first.trigger == .start && first.scope == .full)
        #expect(s.wakeAt(now: t0) == nil, "nothing while a pass runs")
        s.finish(.succeeded, now: t0 + .seconds(1))
        var previous = t0 + .seconds(1)
        for _ in 0..<50 {
            let wake = try #require(s.wakeAt(now: previous))
            let wait = wake - previous
            #expect(wait >= .seconds(270) && wait <= .seconds(330), "\(wait)")
            let early = s.start(now: wake - .milliseconds(1))
            #expect(early == nil, "not before it is due")
            let startedPass = s.start(now: wake)
            let pass = try #require(startedPass)
            #expect(pass.trigger == .timer && pass.scope == .full)
            s.finish(.succeeded, now: wake)
            previous = wake
        }
    }

    @Test func requestsDuringAPassCoalesceIntoOneNextPass() throws {
        var s = schedule()
        _ = s.start(now: t0)
        s.request(.push, scope: .targeted)
        s.request(.push, scope: .targeted)
        s.request(.manual, scope: .full)
        let second = s.start(now: t0)
        #expect(second == nil, "one pass at a time")
        s.finish(.succeeded, now: t0 + .seconds(2))
        #expect(s.wakeAt(now: t0 + .seconds(2)) == t0 + .seconds(2), "due at once")
        let startedNext = s.start(now: t0 + .seconds(2))
        let next = try #require(startedNext)
        #expect(next.trigger == .push, "the first request names it")
        #expect(next.coalesced == 3)
        #expect(next.scope == .full, "full, since one of them asked for a full pass")
        s.finish(.succeeded, now: t0 + .seconds(3))
        #expect(try #require(s.wakeAt(now: t0 + .seconds(3))) > t0 + .seconds(200), "then the interval again")
    }

    @Test func pushesAloneStayTargeted() throws {
        var s = schedule()
        _ = s.start(now: t0)
        s.finish(.succeeded, now: t0)
        s.request(.push, scope: .targeted)
        s.request(.push, scope: .targeted)
        let startedPass = s.start(now: t0 + .seconds(1))
        let pass = try #require(startedPass)
        #expect(pass.scope == .targeted && pass.coalesced == 2)
    }

    @Test func aRetryableFailureBacksOffExponentiallyAndApartFromTheInterval() throws {
        var s = schedule(interval: .seconds(3600))
        var now = t0
        _ = s.start(now: now)
        var ceilings: [Duration] = []
        for attempt in 1...8 {
            s.finish(.retryable, now: now)
            let wake = try #require(s.wakeAt(now: now))
            let wait = wake - now
            let ceiling = min(Duration.seconds(2) * (1 << (attempt - 1)), .seconds(60))
            #expect(wait >= .zero && wait <= ceiling, "attempt \(attempt): \(wait) within \(ceiling)")
            ceilings.append(ceiling)
            now = wake
            let startedRetry = s.start(now: now)
            let retry = try #require(startedRetry)
            #expect(retry.trigger == .retry && retry.retry == attempt)
        }
        #expect(ceilings.last == .seconds(60), "capped")
        s.finish(.succeeded, now: now)
        #expect(try #require(s.wakeAt(now: now)) - now > .seconds(3000), "success ends the retries; the interval is kept")
    }

    @Test func aTerminalFailureIsNotRetriedButAPushStartsAPass() throws {
        var s = schedule(interval: .seconds(600))
        _ = s.start(now: t0)
        s.finish(.terminal, now: t0)
        let wake = try #require(s.wakeAt(now: t0))
        #expect(wake - t0 >= .seconds(540), "no retry: the next try is the interval's")
        let early = s.start(now: t0 + .seconds(30))
        #expect(early == nil)
        s.request(.push, scope: .targeted)
        let pushed = s.start(now: t0 + .seconds(31))
        #expect(pushed?.trigger == .push)
    }

    @Test func theSameSeedGivesTheSameSchedule() {
        func waits() -> [Duration] {
            var s = schedule()
            var now = t0
            var out: [Duration] = []
            _ = s.start(now: now)
            for _ in 0..<5 {
                s.finish(.succeeded, now: now)
                let wake = s.wakeAt(now: now)!
                out.append(wake - now)
                now = wake
                _ = s.start(now: now)
            }
            return out
        }
        #expect(waits() == waits())
        #expect(Set(waits()).count > 1, "jittered, not constant")
    }
}

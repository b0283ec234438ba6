import Foundation
import NIOHTTP1
import Testing

/// A burst of 1,000 forged pushes (wrong signature, no signature, a signature of another body) is refused one by
/// one, asks for no pass, and leaves the daemon answering; a real push after them still deploys.
@Suite("botops reconcile: a burst of forged pushes is refused and changes nothing", .timeLimit(.minutes(5)))
struct DaemonForgedPushBurstCLITests {
    struct Status: Decodable { let passes: Int; let requests: Int; let idle: Bool }

    @Test func aThousandForgedPushesAreRefusedAndARealOneStillWorks() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet, arguments: ["--generic-secret", "env:HOOK_SECRET"],
                                                   environment: ["HOOK_SECRET": "forged-burst-hook-secret"])
        defer { daemon.terminateIfRunning() }
        func status() async throws -> Status {
            try JSONDecoder().decode(Status.self, from: Data(try await daemon.get("/api/v1/status").1.utf8))
        }
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await status().idle })
        let before = try await status()
        // Measured, not asserted (a 2-core machine's timing is no test): scripts/soak prints this line.
        func medianAnswerTime() async throws -> Duration {
            var times: [Duration] = []
            for _ in 0..<20 {
                let start = ContinuousClock.now
                _ = try await status()
                times.append(ContinuousClock.now - start)
            }
            return times.sorted()[times.count / 2]
        }
        let quiet = try await medianAnswerTime()
        let burstStart = ContinuousClock.now
        let body = #"{"ref": "refs/heads/main"}"#
        let forgeries: [[String: String]] = [
            [:], ["X-Botops-Signature": "sha256=" + String(repeating: "0", count: 64)],
            ["X-Botops-Signature": "sha256=nothex"], ["X-Botops-Signature": PushSignature.sign(#"{"ref": "other"}"#, "forged-burst-hook-secret")],
            ["X-Botops-Signature": PushSignature.sign(body, "a-guessed-secret")],
        ]
        var answers: [Int: Int] = [:]
        for batch in 0..<10 {
            let codes = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<100 {
                    let headers = forgeries[(batch * 100 + index) % forgeries.count]
                    group.addTask {
                        try await ReconcileDaemonCLITests.get(daemon.base + "/hooks/generic", method: .POST, body: body, headers: headers).0
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            for code in codes { answers[code, default: 0] += 1 }
        }
        let burst = ContinuousClock.now - burstStart
        let afterBurst = try await medianAnswerTime()
        FileHandle.standardError.write(Data("""
            forged push burst: 1,000 refused in \(burst.formatted(.units(allowed: [.milliseconds]))); status answered in \
            \(quiet.formatted(.units(allowed: [.microseconds]))) before, \(afterBurst.formatted(.units(allowed: [.microseconds]))) after (median of 20)

            """.utf8))
        #expect(answers == [401: 1000], "every forgery is refused as unauthenticated: \(answers)")
        let after = try await status()
        #expect(after.requests == before.requests && after.passes == before.passes, "no pass was asked for or run")

        let (code, _) = try await ReconcileDaemonCLITests.get(daemon.base + "/hooks/generic", method: .POST, body: body,
                                                              headers: ["X-Botops-Signature": PushSignature.sign(body, "forged-burst-hook-secret")])
        #expect(code == 202, "a real push after the burst is taken")
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await status().passes > before.passes })
        #expect(await daemon.stop().status == 0)
    }
}

import Foundation
import NIOHTTP1
import Testing

/// Pushes during a pass coalesce into one next pass: twenty pushes make two passes, not twenty.
@Suite("botops reconcile: a burst of pushes is coalesced", .timeLimit(.minutes(5)))
struct DaemonPushBurstCLITests {
    struct Status: Decodable {
        struct Pass: Decodable { let trigger: String; let coalesced: Int }
        let passes: Int
        let requests: Int
        let idle: Bool
        let lastPass: Pass?
    }

    /// Deterministic by construction: the sandbox answers each call after 250 ms, so a pass lasts seconds; the
    /// first push starts one, the other nineteen arrive while it runs and are served by exactly one more.
    @Test(.timeLimit(.minutes(3)))
    func nineteenPushesDuringAPassMakeOneMorePass() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"], latency: .milliseconds(250))
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        var environment = fleet.environment
        environment["HOOK_SECRET"] = "burst-hook-secret"
        environment["READ_KEY"] = "read-key-of-the-burst-test"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--generic-secret", "env:HOOK_SECRET", "--api-key", "read=env:READ_KEY"],
                                              environment: environment)
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        let reader = ["Authorization": "Bearer read-key-of-the-burst-test"]
        func status() async throws -> Status {
            try JSONDecoder().decode(Status.self, from: Data(try await ReconcileDaemonCLITests.get(base + "/api/v1/status", headers: reader).1.utf8))
        }
        #expect(try await ReconcileDaemonCLITests.eventually(120) {
            guard try await ReconcileDaemonCLITests.get(base + "/readyz").0 == 200 else { return false }
            return try await status().idle
        })
        let start = try await status()

        let body = #"{"ref": "refs/heads/main"}"#
        let signature = PushSignature.sign(body, "burst-hook-secret")
        func push() async throws -> Int {
            try await ReconcileDaemonCLITests.get(base + "/hooks/generic", method: .POST, body: body,
                                                  headers: ["X-Botops-Signature": signature]).0
        }
        #expect(try await push() == 202)
        // The first push's pass (counted when it starts) is under way (it lasts seconds: every call waits 250 ms).
        #expect(try await ReconcileDaemonCLITests.eventually(30) {
            let now = try await status()
            return now.passes == start.passes + 1 && now.requests == start.requests + 1 && !now.idle
        })
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<19 { group.addTask { try await push() } }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers == Array(repeating: 202, count: 19))
        let during = try await status()
        #expect(during.passes == start.passes + 1 && !during.idle, "the nineteen arrived while the first push's pass ran")
        #expect(try await ReconcileDaemonCLITests.eventually(120) {
            let now = try await status()
            return now.idle && now.requests == start.requests + 20
        })
        let after = try await status()
        #expect(after.passes - start.passes == 2, "\(after.passes - start.passes) passes for 20 pushes")
        #expect(after.lastPass?.trigger == "push" && after.lastPass?.coalesced == 19, "\(String(describing: after.lastPass))")

        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
    }
}

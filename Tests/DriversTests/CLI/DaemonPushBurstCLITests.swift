import Foundation
import NIOHTTP1
import Testing

/// Twenty pushes at once make a pass or two, not twenty: requests during a pass coalesce into one next pass.
@Suite("botops reconcile: a burst of pushes is coalesced")
struct DaemonPushBurstCLITests {
    struct Status: Decodable {
        struct Pass: Decodable { let trigger: String; let coalesced: Int }
        let passes: Int
        let requests: Int
        let idle: Bool
        let lastPass: Pass?
    }

    @Test func twentyPushesMakeAtMostThreePasses() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        var environment = fleet.environment
        environment["HOOK_SECRET"] = "burst-hook-secret"
        environment["READ_KEY"] = "burst-read-key"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--generic-secret", "env:HOOK_SECRET", "--api-key", "read=env:READ_KEY"],
                                              environment: environment)
        defer { if started.0.isRunning { started.0.terminate() } }
        let base = try await ReconcileDaemonCLITests.baseURL(of: started)
        let reader = ["Authorization": "Bearer burst-read-key"]
        func status() async throws -> Status {
            try JSONDecoder().decode(Status.self, from: Data(try await ReconcileDaemonCLITests.get(base + "/api/v1/status", headers: reader).1.utf8))
        }
        // On a busy 2-core machine the start pass can take a while. (Alone, the burst makes 2 passes: the
        // first push's, and one for all that came during it; a slower machine coalesces more, not less.)
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await ReconcileDaemonCLITests.get(base + "/readyz").0 == 200 })
        let start = try await status()
        let before = start.passes

        let body = #"{"ref": "refs/heads/main"}"#
        let signature = PushSignature.sign(body, "burst-hook-secret")
        let answers = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<20 {
                group.addTask {
                    try await ReconcileDaemonCLITests.get(base + "/hooks/generic", method: .POST, body: body,
                                                          headers: ["X-Botops-Signature": signature]).0
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(answers.allSatisfy { $0 == 202 })
        // Every push was received before its 202; once the daemon is idle, every one has been served.
        #expect(try await ReconcileDaemonCLITests.eventually(60) {
            let now = try await status()
            return now.idle && now.requests == start.requests + 20 && now.lastPass?.trigger == "push"
        })
        let after = try await status()
        #expect(after.passes - before >= 1 && after.passes - before <= 3, "\(after.passes - before) passes for 20 pushes")

        started.0.interrupt()
        #expect(await BotopsProcess.finish(started).status == 0)
    }
}

import AsyncHTTPClient
import Drivers
import Foundation
import TestSupport
import NIOCore
import NIOHTTP1
import Reconciler
import Spec
import Testing

@Suite("botops reconcile: a pass on start, drift healed by the timer, a manual pass, SIGTERM exits 0", .timeLimit(.minutes(5)))
struct ReconcileDaemonCLITests {
    static func get(_ url: String, method: HTTPMethod = .GET, body: String? = nil,
                    headers: [String: String] = [:], timeout: Int64 = 5) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(timeout))
        let answer = String(buffer: try await response.body.collect(upTo: 1 << 20))
        TestArtifacts.keepAnswer(answer)
        return (Int(response.status.code), answer)
    }

    /// `http://127.0.0.1:<port>` of a daemon started with `--listen 127.0.0.1:0`: the port is on the
    /// first line of its standard output, read on a thread of its own (a blocking read).
    static func baseURL(of started: (Process, Pipe, Pipe)) async throws -> String {
        let out = started.1.fileHandleForReading
        let line = await withCheckedContinuation { (continuation: CheckedContinuation<String, Never>) in
            Thread.detachNewThread {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = out.readChunkRetryingInterrupts()
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        let port = line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        return "http://127.0.0.1:\(try #require(port, "no port in: \(line)"))"
    }

    @Test func aMissingFolderIsRefusedAtStart() async throws {
        let refused = try await BotopsProcess.run(["reconcile", "/nonexistent-botops-folder", "--listen", "127.0.0.1:0"])
        #expect(refused.status == 64, "a usage error, not a daemon that fails every pass: \(refused.stderr)")
        #expect(refused.stderr.contains("configuration folder '/nonexistent-botops-folder' does not exist"), "\(refused.stderr)")
    }

    /// Polls `condition` every 100 ms for up to `seconds`.
    static func eventually(_ seconds: Double, _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    @Test func theDaemonConvergesHealsAndStops() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        var environment = fleet.environment
        environment["HOOK_SECRET"] = "hook-signing-secret-of-the-daemon-test"
        environment["READ_KEY"] = "read-key-for-the-test"
        environment["OPERATE_KEY"] = "operate-key-for-the-test"
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "2s", "--listen", "127.0.0.1:0",
                                               "--generic-secret", "env:HOOK_SECRET", "--api-key", "read=env:READ_KEY",
                                               "--api-key", "operate=env:OPERATE_KEY", "--log-format", "json"], environment: environment)
        let reader = ["Authorization": "Bearer read-key-for-the-test"]
        let operatorKey = ["Authorization": "Bearer operate-key-for-the-test"]
        let process = started.0
        defer { if process.isRunning { process.terminate() } }

        let base = try await Self.baseURL(of: started)

        #expect(try await Self.get(base + "/healthz").0 == 200)
        #expect(try await Self.eventually(60) { try await Self.get(base + "/readyz").0 == 200 }, "ready after the first pass")
        #expect(try await fleet.plan(environment: fleet.environment).hasChanges == false, "the start pass converged the bot")

        // Someone renames the bot by hand; the timer's pass puts it back.
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed by hand"}"#)
        #expect(try await Self.eventually(60) { try await fleet.plan(environment: fleet.environment).hasChanges == false },
                "healed within a few intervals")

        // The API wants a key, and reconciling wants an operate key.
        #expect(try await Self.get(base + "/api/v1/status").0 == 401)
        #expect(try await Self.get(base + "/api/v1/status", headers: ["Authorization": "Bearer wrong"]).0 == 401)
        #expect(try await Self.get(base + "/api/v1/reconcile", method: .POST, headers: reader).0 == 403)
        let (accepted, _) = try await Self.get(base + "/api/v1/reconcile", method: .POST, headers: operatorKey)
        #expect(accepted == 202)
        #expect(try await Self.eventually(60) {
            try await Self.get(base + "/api/v1/status", headers: reader).1.contains(#""trigger" : "manual""#)
        })

        // Newest first, at most the limit: the manual pass is among the last few (timer passes keep coming).
        let history = try await Self.get(base + "/api/v1/history?limit=200", headers: reader)
        #expect(history.0 == 200)
        #expect(history.1.contains(#""trigger" : "start""#), "\(history.1)")
        // Dates keep their milliseconds, as `botops history --format json` writes them.
        #expect(history.1.contains(/"startedAt" : "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/), "\(history.1.prefix(400))")
        let two = try await Self.get(base + "/api/v1/history?limit=2", headers: reader).1
        #expect(two.components(separatedBy: #""trigger" :"#).count == 3, "two runs: \(two)")
        #expect(try await Self.get(base + "/api/v1/containers/nothing/restart", method: .POST, headers: reader).0 == 403)
        let notOwned = try await Self.get(base + "/api/v1/containers/nothing/restart", method: .POST, headers: operatorKey)
        #expect(notOwned.0 == 404 && notOwned.1.contains("botops does not own Container/nothing"), "\(notOwned)")

        // Pushes: a forged signature is refused and starts nothing; a signed one makes a pass due.
        let push = #"{"ref": "refs/heads/main"}"#
        let forged = try await Self.get(base + "/hooks/generic", method: .POST, body: push,
                                        headers: ["X-Botops-Signature": "sha256=" + String(repeating: "0", count: 64)])
        #expect(forged.0 == 401)
        #expect(try await Self.get(base + "/hooks/github", method: .POST, body: push).0 == 404, "no GitHub secret, no receiver")
        #expect(try await Self.get(base + "/hooks/generic", method: .POST, body: String(repeating: "x", count: 1 << 21)).0 == 413)
        let signature = PushSignature.sign(push, "hook-signing-secret-of-the-daemon-test")
        #expect(try await Self.get(base + "/hooks/generic", method: .POST, body: push, headers: ["X-Botops-Signature": signature]).0 == 202)
        #expect(try await Self.eventually(60) {
            try await Self.get(base + "/api/v1/status", headers: reader).1.contains(#""trigger" : "push""#)
        })

        process.interrupt()
        let output = await BotopsProcess.finish(started)
        #expect(output.status == 0, "\(output.stderr)")
        // One JSON object per line; a change line names the resource, the outcome and the trigger; no secret.
        let lines = output.stderr.split(separator: "\n").map(String.init)
        let objects = lines.compactMap { try? JSONDecoder().decode([String: String].self, from: Data($0.utf8)) }
        #expect(objects.count == lines.count, "every line is JSON: \(output.stderr)")
        #expect(objects.contains { $0["message"] == "change" && $0["resource"] == "Bot/alpha" && $0["outcome"] == "applied"
                                   && $0["trigger"] != nil })
        for secret in environment.values where secret.count > 8 { #expect(!output.stderr.contains(secret)) }
        let recorded = try await BotopsProcess.run(["history", fleet.folder])
        for trigger in ["start", "timer", "manual", "push"] {
            #expect(recorded.stdout.contains("  \(trigger)  "), "\(trigger) in: \(recorded.stdout)")
        }
    }
}

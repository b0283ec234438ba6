import AsyncHTTPClient
import Drivers
import Foundation
import NIOCore
import NIOHTTP1
import Reconciler
import Spec
import Testing

@Suite("botops reconcile: a pass on start, drift healed by the timer, a manual pass, SIGTERM exits 0")
struct ReconcileDaemonCLITests {
    static func get(_ url: String, method: HTTPMethod = .GET) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
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
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "2s", "--listen", "127.0.0.1:0"],
                                              environment: fleet.environment)
        let process = started.0
        defer { if process.isRunning { process.terminate() } }

        // The bound port is the first line on standard output.
        var port: Int?
        let out = started.1.fileHandleForReading
        let line = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
            Thread.detachNewThread {
                var data = Data()
                while !data.contains(UInt8(ascii: "\n")) {
                    let chunk = out.availableData
                    if chunk.isEmpty { break }
                    data.append(chunk)
                }
                continuation.resume(returning: String(decoding: data, as: UTF8.self))
            }
        }
        port = line.split(separator: ":").last.flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        let base = "http://127.0.0.1:\(try #require(port, "no port in: \(line)"))"

        #expect(try await Self.get(base + "/healthz").0 == 200)
        #expect(try await Self.eventually(10) { try await Self.get(base + "/readyz").0 == 200 }, "ready after the first pass")
        #expect(try await fleet.plan(environment: fleet.environment).hasChanges == false, "the start pass converged the bot")

        // Someone renames the bot by hand; the timer's pass puts it back.
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Renamed by hand"}"#)
        #expect(try await Self.eventually(10) { try await fleet.plan(environment: fleet.environment).hasChanges == false },
                "healed within a few intervals")

        let (accepted, _) = try await Self.get(base + "/api/v1/reconcile", method: .POST)
        #expect(accepted == 202)
        #expect(try await Self.eventually(10) {
            try await Self.get(base + "/api/v1/status").1.contains(#""trigger" : "manual""#)
        })

        process.interrupt()
        let output = await BotopsProcess.finish(started)
        #expect(output.status == 0, "\(output.stderr)")
        let history = try await BotopsProcess.run(["history", fleet.folder])
        for trigger in ["start", "timer", "manual"] {
            #expect(history.stdout.contains("  \(trigger)  "), "\(trigger) in: \(history.stdout)")
        }
    }
}

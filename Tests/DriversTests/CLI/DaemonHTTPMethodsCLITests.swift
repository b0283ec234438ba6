import Foundation
import NIOHTTP1
import Testing

/// The daemon answers HTTP as its OpenAPI document says: a path asked with a method it does not take is 405 and
/// says which it takes (never 404, which would say the path is not there), and a `limit` outside the document's
/// range, or an empty filter, is refused with 400, never quietly cut or taken for none.
@Suite("botops reconcile: wrong methods are 405, a limit out of range is 400", .timeLimit(.minutes(5)))
struct DaemonHTTPMethodsCLITests {
    @Test func aWrongMethodIs405AndAnOutOfRangeLimit400() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let daemon = try await RunningDaemon.start(fleet)
        defer { daemon.terminateIfRunning() }
        for (method, path, allow) in [(HTTPMethod.DELETE, "/api/v1/status", "GET"), (.GET, "/api/v1/reconcile", "POST"),
                                      (.PUT, "/api/v1/containers/x/restart", "POST"), (.GET, "/hooks/github", "POST"),
                                      (.PATCH, "/sign-in", "GET, POST"), (.RAW(value: "TRACE"), "/healthz", "GET"),
                                      (.RAW(value: "QUERY"), "/api/v1/events", "GET")] {
            let (status, body) = try await ReconcileDaemonCLITests.get(daemon.base + path, method: method, headers: daemon.operate)
            #expect(status == 405, "\(method) \(path): \(status) \(body)")
            #expect(body.contains("takes \(allow), not \(method.rawValue)"), "\(body)")
        }
        #expect(try await daemon.get("/api/v1/status").0 == 200, "the methods it takes still work")
        #expect(try await daemon.get("/api/v1/history?limit=500").0 == 400)
        #expect(try await daemon.get("/api/v1/history?limit=0").0 == 400)
        #expect(try await daemon.get("/api/v1/history?limit=two").0 == 400)
        #expect(try await daemon.get("/api/v1/history?limit=200").0 == 200)
        #expect(try await daemon.get("/api/v1/history?limit=").0 == 400, "an empty value is refused, not taken for none")
        #expect(try await daemon.get("/api/v1/events?limit=1001").0 == 400, "past the most, refused rather than cut")
        #expect(try await daemon.get("/api/v1/events?limit=1000").0 == 200)
        for filter in ["bot", "resource", "since", "until", "limit"] {
            let (status, body) = try await daemon.get("/api/v1/events?\(filter)=")
            #expect(status == 400 && body.contains("'\(filter)' is empty"), "\(filter): \(status) \(body)")
        }
        #expect(try await ReconcileDaemonCLITests.get(daemon.base + "/no/such/path").0 == 404, "a path it does not serve is still 404")
        #expect(await daemon.stop().status == 0)
    }
}

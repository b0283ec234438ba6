import Foundation
import Testing

/// `botops reconcile` on a test fleet's folder with an operate key, started and past its first pass:
/// what the daemon tests that poke a fleet and read the daemon's endpoints all begin with.
struct RunningDaemon {
    let started: (Process, Pipe, Pipe)
    /// `http://127.0.0.1:<port>`.
    let base: String
    /// The headers that carry the operate key.
    let operate: [String: String]

    static func start(_ fleet: TelegramFleetHarness, key: String = "operate-key-of-the-test", arguments: [String] = [],
                      environment extra: [String: String] = [:]) async throws -> RunningDaemon {
        var environment = fleet.environment.merging(extra) { _, new in new }
        environment["OPERATE_KEY"] = key
        let started = try BotopsProcess.start(["reconcile", fleet.folder, "--interval", "1h", "--listen", "127.0.0.1:0",
                                               "--api-key", "operate=env:OPERATE_KEY"] + arguments, environment: environment)
        let daemon = RunningDaemon(started: started, base: try await ReconcileDaemonCLITests.baseURL(of: started),
                                   operate: ["Authorization": "Bearer \(key)"])
        #expect(try await ReconcileDaemonCLITests.eventually(60) { try await ReconcileDaemonCLITests.get(daemon.base + "/readyz").0 == 200 })
        return daemon
    }

    /// Asks for a pass; true when the daemon accepted (202).
    func reconcile() async throws -> Bool {
        try await ReconcileDaemonCLITests.get(base + "/api/v1/reconcile", method: .POST, headers: operate).0 == 202
    }

    /// A GET of `path` with the operate key: status and body.
    func get(_ path: String) async throws -> (Int, String) {
        try await ReconcileDaemonCLITests.get(base + path, headers: operate)
    }

    /// SIGINT, then its exit status and output once it is gone.
    func stop() async -> BotopsProcess.Output {
        started.0.interrupt()
        return await BotopsProcess.finish(started)
    }

    /// For a `defer`: a daemon a failed expectation left running is ended.
    func terminateIfRunning() {
        if started.0.isRunning { started.0.terminate() }
    }
}

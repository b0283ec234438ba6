import AsyncHTTPClient
import Drivers
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Reconciler
import Spec
import TestSupport
import Testing

/// A Docker-compatible engine of scripts/services that the tests run against: podman's compatible API
/// and Docker Engine itself, so the driver follows the API and not one engine's quirks.
struct TestEngine: Sendable, CustomStringConvertible {
    let name: String
    let host: String

    var description: String { name }

    static let podman = ProcessInfo.processInfo.environment["BOTOPS_TEST_DOCKER_HOST"].map { TestEngine(name: "podman", host: $0) }
    static let dockerd = ProcessInfo.processInfo.environment["BOTOPS_TEST_DOCKERD_HOST"].map { TestEngine(name: "dockerd", host: $0) }
    static var all: [TestEngine] { [podman, dockerd].compactMap { $0 } }
    /// A second Docker Engine, a one-node swarm manager (scripts/services).
    static let swarm = ProcessInfo.processInfo.environment["BOTOPS_TEST_SWARM_HOST"].map { TestEngine(name: "swarm", host: $0) }
    static var available: Bool { podman != nil && dockerd != nil && image != nil }
    static let image = ProcessInfo.processInfo.environment["BOTOPS_TEST_IMAGE"]
    /// podman again, over tcp:// behind a TLS terminator that wants a client certificate.
    static let tlsHost = ProcessInfo.processInfo.environment["BOTOPS_TEST_TLS_DOCKER_HOST"]
    static let tlsDir = ProcessInfo.processInfo.environment["BOTOPS_TEST_TLS_DIR"] ?? ""

    var socketPath: String { String(host.dropFirst("unix://".count)) }
}

/// A configuration folder whose Project runs Containers on one test engine, under a project name of
/// its own (so tests running at once never see each other's containers), and direct calls to that
/// engine for what a person at a shell would do: stop, remove, run a container by hand.
final class DockerHarness: Sendable {
    let engine: TestEngine
    let folder: String
    let project: String
    let catalog: DriverCatalog
    let environment: [String: String]
    let image: String

    init(_ engine: TestEngine, extraEngines: String = "", environment: [String: String] = [:],
         recorder: (any CallRecorder)? = nil) throws {
        self.engine = engine
        image = try #require(TestEngine.image, "scripts/services must be running (BOTOPS_TEST_IMAGE)")
        project = "dt" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(10)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-docker-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.environment = environment
        catalog = DriverCatalog(connectTimeout: .seconds(2), recorder: recorder)
        try write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(project)}
            spec:
              docker:
                engines:
                  default: {host: "\(engine.host)"}
            \(extraEngines)
            """)
    }

    /// A container name unique to this harness.
    func name(_ base: String) -> String { "\(project)-\(base)" }

    /// A Container of the test image that sleeps, with no network, killed at once on stop.
    func containerYAML(_ base: String, env: [String: String] = [:], command: String = "[sleep, \"3600\"]",
                       extra: String = "") -> String {
        let envLines = env.sorted { $0.key < $1.key }.map { "    \($0.key): \"\($0.value)\"" }.joined(separator: "\n")
        return """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: \(name(base))}
            spec:
              image: \(image)
              command: \(command)
              network: none
              stopTimeout: 0
              pullPolicy: Never
              labels: {botops.test: "true"}
            \(env.isEmpty ? "" : "  env:\n" + envLines)
            \(extra)

            """
    }

    func write(_ path: String, _ text: String) throws {
        let full = folder + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: folder + "/" + path) }

    func session() throws -> ReconcileSession {
        let result = try SpecLoader().load(from: DirectorySource(root: folder))
        guard let state = result.state else { throw HarnessError(message: "invalid test configuration: \(result.diagnostics)") }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let secrets = SecretResolver(environment: environment)
        let store = try FleetSession.store(for: state, source: DirectorySource(root: folder), secrets: secrets)
        return ReconcileSession(state: state, store: store, drivers: catalog.drivers(for: state.project, logger: logger),
                                secrets: secrets, logger: logger)
    }

    func plan(_ options: PlanOptions = PlanOptions()) async throws -> Plan { try await session().plan(options: options) }

    @discardableResult
    func apply(_ options: PlanOptions = PlanOptions()) async throws -> (Plan, ApplyReport?) {
        switch try await session().apply(options: options, approve: { _ in true }) {
        case let .applied(plan, report), let .cancelled(plan, report): return (plan, report)
        case let .noChanges(plan): return (plan, ApplyReport(outcomes: [:], actions: [:]))
        case let .planned(plan), let .refused(plan, _), let .declined(plan): return (plan, nil)
        }
    }

    func inventory() async throws -> Inventory {
        try await FileStateStore(path: folder + "/.botops/state.json").load()
    }

    // MARK: - The engine, directly

    /// Calls the engine's API as `docker` would; returns the status and the decoded JSON answer.
    @discardableResult
    func call(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (Int, JSONValue) {
        try await Self.callEngine(engine, method, path, body: body)
    }

    /// Calls `engine`'s API directly, as `docker` would.
    @discardableResult
    static func callEngine(_ engine: TestEngine, _ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> (Int, JSONValue) {
        guard let url = URL(httpURLWithSocketPath: engine.socketPath, uri: "/v1.41" + path) else {
            throw HarnessError(message: "bad path \(path)")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = method
        request.headers.add(name: "Host", value: "localhost")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        let value = (try? JSONDecoder().decode(JSONValue.self, from: Data(buffer.readableBytesView))) ?? .string(String(buffer: buffer))
        return (Int(response.status.code), value)
    }

    /// The live containers of this harness's project (botops' and hand-made ones named like them), by name.
    func containers() async throws -> [String: JSONValue] {
        let (_, list) = try await call(.GET, "/containers/json?all=1")
        var result: [String: JSONValue] = [:]
        for item in list.arrayValue ?? [] {
            guard var name = item["Names"]?.arrayValue?.first?.stringValue else { continue }
            if name.hasPrefix("/") { name.removeFirst() }
            if name.hasPrefix(project) { result[name] = item }
        }
        return result
    }

    func inspect(_ name: String) async throws -> JSONValue {
        try await call(.GET, "/containers/\(name)/json").1
    }

    func env(of name: String) async throws -> [String: String] {
        var result: [String: String] = [:]
        for entry in try await inspect(name)["Config"]?["Env"]?.arrayValue ?? [] {
            let parts = (entry.stringValue ?? "").split(separator: "=", maxSplits: 1)
            if parts.count == 2 { result[String(parts[0])] = String(parts[1]) }
        }
        return result
    }

    /// Runs a container by hand (no botops labels unless given).
    func runByHand(_ name: String, labels: [String: String] = ["botops.test": "true"], image: String? = nil) async throws {
        let labelJSON = JSONValue.object(labels.mapValues(JSONValue.string)).description
        let (status, answer) = try await call(.POST, "/containers/create?name=\(name)", body: """
            {"Image": "\(image ?? self.image)", "Cmd": ["sleep", "3600"], "Labels": \(labelJSON), "StopTimeout": 0,
             "HostConfig": {"NetworkMode": "none"}}
            """)
        #expect(status == 201, "\(answer)")
        try await call(.POST, "/containers/\(name)/start")
    }

    func shutdown() async {
        if let live = try? await containers() {
            for name in live.keys { _ = try? await call(.DELETE, "/containers/\(name)?force=1") }
        }
        try? await catalog.shutdown()
        TestArtifacts.discard(folder)
    }
}

import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import PostgresNIO
import Testing

/// Proves that the services `scripts/services start` brings up answer the way the drivers expect:
/// PostgreSQL 15 through PostgresNIO, and podman's Docker-compatible API through AsyncHTTPClient over its
/// unix socket, running a container from the local busybox image. Each test runs only when its service's
/// environment variable is set (`source <(scripts/services env)`); in CI a missing variable is a failure.
@Suite("Services smoke tests", .timeLimit(.minutes(5)))
struct ServicesSmokeTests {
    static let environment = ProcessInfo.processInfo.environment
    static let postgresURLVariable = "BOTOPS_TEST_POSTGRES_URL"
    static let dockerHostVariable = "BOTOPS_TEST_DOCKER_HOST"
    static let imageVariable = "BOTOPS_TEST_IMAGE"

    @Test("CI never skips the service smoke tests")
    func serviceVariablesAreSetInCI() {
        guard Self.environment["CI"] == "true" else { return }
        for name in [Self.postgresURLVariable, Self.dockerHostVariable, Self.imageVariable] {
            #expect(
                Self.environment[name]?.isEmpty == false,
                "CI=true but \(name) is not set: run the tests through scripts/test (it starts scripts/services)"
            )
        }
    }

    @Test(
        "PostgreSQL 15 answers through PostgresNIO",
        .enabled(if: ProcessInfo.processInfo.environment["BOTOPS_TEST_POSTGRES_URL"] != nil),
        .timeLimit(.minutes(1))
    )
    func postgresAnswers() async throws {
        let url = try #require(Self.environment[Self.postgresURLVariable])
        let configuration = try PostgresURL.configuration(from: url)
        let client = PostgresClient(configuration: configuration)

        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            do {
                var ones: [Int] = []
                for try await row in try await client.query("SELECT 1") {
                    ones.append(try row.decode(Int.self))
                }
                #expect(ones == [1])

                var versions: [String] = []
                for try await row in try await client.query("SELECT version()") {
                    versions.append(try row.decode(String.self))
                }
                #expect(versions.count == 1)
                let version = try #require(versions.first)
                #expect(version.hasPrefix("PostgreSQL 15."), "unexpected server: \(version)")
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    @Test(
        "podman's Docker API runs a container from the local image",
        .enabled(if: ProcessInfo.processInfo.environment["BOTOPS_TEST_DOCKER_HOST"] != nil),
        .timeLimit(.minutes(1))
    )
    func dockerAPIRunsAContainer() async throws {
        let host = try #require(Self.environment[Self.dockerHostVariable])
        let image = Self.environment[Self.imageVariable] ?? "localhost/botops-busybox:latest"
        let api = try DockerSocketAPI(dockerHost: host)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        do {
            try await Self.runHelloContainer(api: api, client: client, image: image)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    private static func runHelloContainer(api: DockerSocketAPI, client: HTTPClient, image: String) async throws {
        let version = try await api.send(client, "GET", "/v1.41/version")
        try #require(version.status == .ok, "version answered \(version.status): \(version.text)")
        let versionBody = try JSONDecoder().decode(VersionReply.self, from: version.body)
        #expect(versionBody.ApiVersion == "1.41")

        let create = CreateRequest(
            Image: image,
            Cmd: ["sh", "-c", "echo hello"],
            Labels: ["botops.test": "true"],
            HostConfig: .init(NetworkMode: "none")
        )
        let created = try await api.send(client, "POST", "/v1.41/containers/create", json: JSONEncoder().encode(create))
        try #require(created.status == .created, "create answered \(created.status): \(created.text)")
        let id = try JSONDecoder().decode(CreateReply.self, from: created.body).Id

        do {
            let started = try await api.send(client, "POST", "/v1.41/containers/\(id)/start")
            #expect(started.status == .noContent, "start answered \(started.status): \(started.text)")

            let waited = try await api.send(client, "POST", "/v1.41/containers/\(id)/wait")
            #expect(waited.status == .ok, "wait answered \(waited.status): \(waited.text)")
            let exit = try JSONDecoder().decode(WaitReply.self, from: waited.body)
            #expect(exit.StatusCode == 0)

            let logs = try await api.send(client, "GET", "/v1.41/containers/\(id)/logs?stdout=true&stderr=true")
            #expect(logs.status == .ok)
            // Without a TTY the stream is multiplexed (8-byte frame headers), so look for the text inside it.
            #expect(logs.text.contains("hello\n"), "container output: \(logs.text.debugDescription)")
        } catch {
            _ = try? await api.send(client, "DELETE", "/v1.41/containers/\(id)?force=true")
            throw error
        }

        let removed = try await api.send(client, "DELETE", "/v1.41/containers/\(id)?force=true")
        #expect(removed.status == .noContent, "remove answered \(removed.status): \(removed.text)")
        let gone = try await api.send(client, "GET", "/v1.41/containers/\(id)/json")
        #expect(gone.status == .notFound)
    }
}

// MARK: - Docker API wire types (only the fields the smoke test reads or sends)

private struct VersionReply: Decodable {
    let ApiVersion: String
}

private struct CreateRequest: Encodable {
    struct Host: Encodable {
        let NetworkMode: String
    }

    let Image: String
    let Cmd: [String]
    let Labels: [String: String]
    let HostConfig: Host
}

private struct CreateReply: Decodable {
    let Id: String
}

private struct WaitReply: Decodable {
    let StatusCode: Int
}

// MARK: - Helpers

/// A Docker Engine API endpoint on a unix socket, addressed as `unix:///path/to.sock`.
private struct DockerSocketAPI {
    struct Reply {
        let status: HTTPResponseStatus
        let body: Data

        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let socketPath: String

    init(dockerHost: String) throws {
        let prefix = "unix://"
        guard dockerHost.hasPrefix(prefix), dockerHost.count > prefix.count else {
            throw SmokeTestError("BOTOPS_TEST_DOCKER_HOST must look like unix:///path/to.sock, got \(dockerHost)")
        }
        socketPath = String(dockerHost.dropFirst(prefix.count))
    }

    func send(_ client: HTTPClient, _ method: String, _ uri: String, json: Data? = nil) async throws -> Reply {
        guard let url = URL(httpURLWithSocketPath: socketPath, uri: uri) else {
            throw SmokeTestError("cannot address \(uri) on \(socketPath)")
        }
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = HTTPMethod(rawValue: method)
        // podman answers 400 "missing required Host header" on unix sockets unless it is set explicitly.
        request.headers.replaceOrAdd(name: "Host", value: "localhost")
        if let json {
            request.headers.replaceOrAdd(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: json))
        }
        let response = try await client.execute(request, timeout: .seconds(30))
        let body = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: response.status, body: Data(body.readableBytesView))
    }
}

/// Turns `postgres://user[:password]@host[:port]/database` into a PostgresNIO configuration (TLS off: the test
/// server listens on loopback only).
private enum PostgresURL {
    static func configuration(from string: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: string),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else {
            throw SmokeTestError("BOTOPS_TEST_POSTGRES_URL must look like postgres://user@host:port/db")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        return PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? "postgres",
            password: components.password,
            database: database.isEmpty ? nil : database,
            tls: .disable
        )
    }
}

private struct SmokeTestError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

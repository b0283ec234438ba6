@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A run reads its state file while its configuration loads, and keeps what it read only when that file
/// is the store the configuration names.
@Suite("File state: read while the configuration loads", .timeLimit(.minutes(5)))
struct StatePrefetchTests {
    /// A configuration folder with a Project whose `spec` ends with `state`, and a state file of two bots
    /// where the file store keeps it by default.
    static func folder(state: String) async throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-prefetch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/.botops", withIntermediateDirectories: true)
        try """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: prefetch}
            spec:
            \(state)
            """.write(toFile: folder + "/botops.yaml", atomically: true, encoding: .utf8)
        try await FileStateStore(path: folder + "/.botops/state.json").save(FileSnapshotCacheTests.inventory(["a", "b"]))
        return folder
    }

    /// A session of a catalog of its own (the test shuts it down), with `environment` as where secrets are.
    static func session(environment: [String: String] = [:]) -> (DriverCatalog, FleetSession) {
        let catalog = DriverCatalog()
        return (catalog, FleetSession(catalog: catalog, secrets: SecretResolver(environment: environment)))
    }

    /// What the catalog remembers of the file at `path` as it is now.
    static func remembered(_ catalog: DriverCatalog, _ path: String) throws -> FileSnapshot? {
        let identity = try #require(FileSnapshotCache.Identity(path: path))
        return catalog.snapshots.snapshot(at: path, identity: identity)
    }

    @Test func theDefaultFileIsReadWhileLoadingAndTheRunUsesIt() async throws {
        let folder = try await Self.folder(state: "  state: file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (catalog, session) = Self.session()
        defer { Task { try? await catalog.shutdown() } }

        let run = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder)))
        let path = folder + "/.botops/state.json"
        #expect((run.engine.store as? FileStateStore)?.path == path)
        let snapshot = try #require(try Self.remembered(catalog, path), "the state file was read while the configuration loaded")
        #expect(snapshot.inventory.resources.keys.map(\.name).sorted() == ["a", "b"])
        #expect(try await run.engine.store.load().resources.keys.map(\.name).sorted() == ["a", "b"])
    }

    @Test func theFileStateNamesIsReadWhileLoading() async throws {
        let folder = try await Self.folder(state: "  state: file")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let other = folder + "/elsewhere.json"
        try await FileStateStore(path: other).save(FileSnapshotCacheTests.inventory(["c"]))
        let (catalog, session) = Self.session()
        defer { Task { try? await catalog.shutdown() } }

        _ = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder), state: "file:" + other))
        #expect(try Self.remembered(catalog, other)?.inventory.resources.keys.map(\.name) == ["c"])
        #expect(try Self.remembered(catalog, folder + "/.botops/state.json") == nil, "the default file is not the run's")
    }

    /// A daemon whose Project keeps its state in Postgres must not hold a file nobody reads.
    @Test func aFileTheProjectDoesNotUseIsForgotten() async throws {
        let folder = try await Self.folder(state: """
              postgres:
                url: {fromEnv: PREFETCH_DATABASE_URL}
              state: postgres
            """)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (catalog, session) = Self.session(environment: ["PREFETCH_DATABASE_URL": "postgres://botops@127.0.0.1:1/none"])
        defer { Task { try? await catalog.shutdown() } }

        let run = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder)))
        #expect(run.engine.store is PostgresStateStore)
        #expect(try Self.remembered(catalog, folder + "/.botops/state.json") == nil)
    }

    @Test func anInvalidConfigurationKeepsNothing() async throws {
        let folder = try await Self.folder(state: "  state: sideways")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (catalog, session) = Self.session()
        defer { Task { try? await catalog.shutdown() } }

        #expect(throws: SessionError.self) { try session.prepare(FleetSession.Request(source: DirectorySource(root: folder))) }
        #expect(try Self.remembered(catalog, folder + "/.botops/state.json") == nil)
    }
}

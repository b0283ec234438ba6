@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A run reads its state file while its configuration loads, and keeps what it read only when that file
/// is the store the configuration names.
@Suite("File state: read while the configuration loads", .timeLimit(.minutes(5)))
struct StatePrefetchTests {
    /// Runs `body` with a configuration folder whose Project's `spec` ends with `state`, a state file of two
    /// bots where the file store keeps it by default, and a session of a catalog of its own; then shuts the
    /// catalog down and removes the folder, whatever `body` threw.
    static func withFleet(state: String, environment: [String: String] = [:],
                          _ body: (_ folder: String, DriverCatalog, FleetSession) async throws -> Void) async throws {
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
        let catalog = DriverCatalog()
        var failure: (any Error)?
        do {
            try await body(folder, catalog, FleetSession(catalog: catalog, secrets: SecretResolver(environment: environment)))
        } catch {
            failure = error
        }
        try await catalog.shutdown()
        try FileManager.default.removeItem(atPath: folder)
        if let failure { throw failure }
    }

    /// What the catalog remembers of the file at `path` as it is now.
    static func remembered(_ catalog: DriverCatalog, _ path: String) throws -> FileSnapshot? {
        let identity = try #require(FileSnapshotCache.Identity(path: path))
        return catalog.snapshots.snapshot(at: path, identity: identity)
    }

    @Test func theDefaultFileIsReadWhileLoadingAndTheRunUsesIt() async throws {
        try await Self.withFleet(state: "  state: file") { folder, catalog, session in
            let run = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder)))
            let path = folder + "/.botops/state.json"
            #expect((run.engine.store as? FileStateStore)?.path == path)
            let snapshot = try #require(try Self.remembered(catalog, path), "the state file was read while the configuration loaded")
            #expect(snapshot.inventory.resources.keys.map(\.name).sorted() == ["a", "b"])
            #expect(try await run.engine.store.load().resources.keys.map(\.name).sorted() == ["a", "b"])
        }
    }

    @Test func theFileStateNamesIsReadWhileLoading() async throws {
        try await Self.withFleet(state: "  state: file") { folder, catalog, session in
            let other = folder + "/elsewhere.json"
            try await FileStateStore(path: other).save(FileSnapshotCacheTests.inventory(["c"]))
            _ = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder), state: "file:" + other))
            #expect(try Self.remembered(catalog, other)?.inventory.resources.keys.map(\.name) == ["c"])
            #expect(try Self.remembered(catalog, folder + "/.botops/state.json") == nil, "the default file is not the run's")
        }
    }

    /// A daemon whose Project keeps its state in Postgres must not hold a file nobody reads, nor read it every pass.
    @Test func aFileTheProjectDoesNotUseIsForgottenAndNotReadAgain() async throws {
        let state = """
              postgres:
                url: {fromEnv: PREFETCH_DATABASE_URL}
              state: postgres
            """
        try await Self.withFleet(state: state, environment: ["PREFETCH_DATABASE_URL": "postgres://botops@127.0.0.1:1/none"]) {
            folder, catalog, session in
            let run = try session.prepare(FleetSession.Request(source: DirectorySource(root: folder)))
            #expect(run.engine.store is PostgresStateStore)
            let path = folder + "/.botops/state.json"
            #expect(try Self.remembered(catalog, path) == nil)
            #expect(StatePrefetch.start(path: path, kinds: catalog.kinds, snapshots: catalog.snapshots) == nil,
                    "the next pass does not read it ahead again")
            // Once a file store reads it (the Project moved to file state), it is read ahead again.
            _ = try await FileStateStore(path: path, snapshots: catalog.snapshots).load()
            #expect(StatePrefetch.start(path: path, kinds: catalog.kinds, snapshots: catalog.snapshots) != nil)
        }
    }

    @Test func anInvalidConfigurationKeepsNothing() async throws {
        try await Self.withFleet(state: "  state: sideways") { folder, catalog, session in
            #expect(throws: SessionError.self) { try session.prepare(FleetSession.Request(source: DirectorySource(root: folder))) }
            let kept = try Self.remembered(catalog, folder + "/.botops/state.json")
            #expect(kept == nil)
        }
    }
}

import Reconciler
import Spec

/// Builders for the engine tests.
enum Fixtures {
    static let location = SourceLocation(file: "fleet.yaml", line: 1, column: 1)

    static func bot(_ name: String) -> ResourceAddress { ResourceAddress(.bot, name) }
    static func webhook(_ name: String) -> ResourceAddress { ResourceAddress(.webhook, name) }
    static func container(_ name: String) -> ResourceAddress { ResourceAddress(.container, name) }

    /// A desired state holding only a Project; the fake drivers supply the resources.
    static func state(maxDeletes: Int = 10, prune: Bool = true, revision: String? = nil) -> DesiredState {
        DesiredState(project: Project(metadata: ResourceMetadata(name: "test", location: location),
                                      prune: prune, maxDeletes: maxDeletes),
                     revision: revision)
    }

    static func resource(_ address: ResourceAddress, _ value: JSONValue, sensitive: Set<String> = [],
                         dependsOn: [ResourceAddress] = [], lane: String? = nil) -> DesiredResource {
        DesiredResource(address: address, value: value, sensitivePaths: sensitive, dependsOn: dependsOn, lane: lane,
                        location: location)
    }

    /// `{"name": name}`, the simplest value a resource can have.
    static func named(_ name: String) -> JSONValue { .object(["name": .string(name)]) }

    static func owned(_ address: ResourceAddress, dependsOn: [ResourceAddress] = [], lane: String? = nil,
                      fingerprints: [String: String] = [:]) -> InventoryEntry {
        InventoryEntry(address: address, fingerprints: fingerprints, dependsOn: dependsOn, lane: lane)
    }

    /// The fingerprint key of an installation that has applied before.
    static let key = "dGVzdCBmaW5nZXJwcmludCBrZXkgb2YgMzIgYnl0ZXM="

    /// The state of an installation that has applied before (it has a fingerprint key).
    static func inventory(_ entries: [InventoryEntry], revision: String? = nil) -> Inventory {
        Inventory(revision: revision, fingerprintKey: key, resources: Dictionary(uniqueKeysWithValues: entries.map { ($0.address, $0) }))
    }

    static func session(_ state: DesiredState = Fixtures.state(), store: MemoryStateStore, drivers: [any Driver],
                        parallelism: Int = 10) -> ReconcileSession {
        ReconcileSession(state: state, store: store, drivers: drivers, secrets: SecretResolver(environment: [:]),
                         parallelism: parallelism)
    }

    /// Plans and applies, approving whatever is asked.
    static func apply(_ session: ReconcileSession, options: PlanOptions = PlanOptions()) async throws -> (Plan, ApplyReport?) {
        try await session.run(options: options) { _ in true }
    }
}

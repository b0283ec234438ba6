import Foundation
import Reconciler
import Spec
import Testing

/// A fresh store gets its fingerprint key at the first apply, never from a plan; a plan saved
/// against a fresh store still applies.
@Suite("Fresh store: the fingerprint key waits for the first apply", .timeLimit(.minutes(1)))
struct FreshStoreTests {
    let a = Fixtures.bot("a")

    func driver(_ fleet: FakeFleet) -> SecretFingerprintDriver { SecretFingerprintDriver(fleet: fleet, address: a) }

    @Test func aPlanOfAFreshStoreWritesNothing() async throws {
        let store = MemoryStateStore()
        let plan = try await Fixtures.session(store: store, drivers: [driver(FakeFleet())]).plan()
        #expect(plan.actionable.count == 1)
        #expect(await store.saveCount == 0)
        #expect(await store.inventory.isFresh)
    }

    @Test func aPlanSavedAgainstAFreshStoreApplies() async throws {
        let store = MemoryStateStore()
        let fleet = FakeFleet()
        let session = Fixtures.session(store: store, drivers: [driver(fleet)])
        let saved = try JSONPlanRenderer().parse(Data(try JSONPlanRenderer().render(try await session.plan()).utf8))
        let (_, report) = try await session.run(saved: saved) { _ in true }
        #expect(report?.succeeded == true)
        let inventory = await store.inventory
        let key = try #require(inventory.fingerprintKey, "the first apply made the key")
        let recorded = inventory.resources[a]?.fingerprints["token"]
        #expect(recorded == Fingerprinter(key: key).fingerprint("s3cret"), "fingerprints use the key that was kept")
        #expect(try await session.plan().actionable.isEmpty, "and the next plan, with that key, converges")
    }
}

/// Fingerprints a secret with the run's key, as the Telegram driver does for a webhook's secret.
struct SecretFingerprintDriver: Driver {
    let name = "secrets"
    let kinds: Set<ResourceKind> = [.bot]
    let fleet: FakeFleet
    let address: ResourceAddress

    func desired(in context: DriverContext) -> DesiredSet {
        DesiredSet([Fixtures.resource(address, .object(["token": .string(context.fingerprinter.fingerprint("s3cret"))]),
                                      sensitive: ["token"])])
    }

    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async -> Observations {
        let live = await fleet.live[address]
        return Observations(found: [address: live == nil ? .absent
            : .present(.object(["token": .string(context.inventory.resources[address]?.fingerprints["token"] ?? "")]))])
    }

    func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        await fleet.setLive(address, .object(["set": .bool(true)]))
        return ApplyOutcome(entry: InventoryEntry(address: address, fingerprints: ["token": context.fingerprinter.fingerprint("s3cret")]),
                            writes: 1)
    }
}

import Reconciler
import Spec

/// A fleet with one of each action, for the saved-plan and secret-rendering tests: `Bot/a` is
/// created (with a sensitive token), `Bot/b` updated (its token rotated), `Container/old` deleted
/// (its token known only as a fingerprint), `Webhook/w` unchanged.
struct SavedPlanWorld {
    static let tokenA = "hmac-sha256:" + String(repeating: "a1", count: 32)
    static let tokenB1 = "hmac-sha256:" + String(repeating: "b1", count: 32)
    static let tokenB2 = "hmac-sha256:" + String(repeating: "b2", count: 32)
    static let tokenOld = "hmac-sha256:" + String(repeating: "0d", count: 32)
    static let fingerprints = [tokenA, tokenB1, tokenB2, tokenOld]

    let a = Fixtures.bot("a"), b = Fixtures.bot("b"), w = Fixtures.webhook("w"), old = Fixtures.container("old")
    let fleet: FakeFleet
    let store: MemoryStateStore
    var driver: FakeDriver

    init() {
        fleet = FakeFleet(live: [
            b: .object(["name": "b", "token": .string(Self.tokenB1)]),
            w: Fixtures.named("w"),
            old: .object(["image": "bot:1", "token": .string(Self.tokenOld)]),
        ])
        store = MemoryStateStore(Fixtures.inventory([
            Fixtures.owned(b, fingerprints: ["token": Self.tokenB1]), Fixtures.owned(w),
            Fixtures.owned(old, fingerprints: ["token": Self.tokenOld]),
        ], revision: "r0"))
        driver = FakeDriver(resources: [
            Fixtures.resource(a, .object(["name": "a", "token": .string(Self.tokenA)]), sensitive: ["token"]),
            Fixtures.resource(b, .object(["name": "b2", "token": .string(Self.tokenB2)]), sensitive: ["token"]),
            Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a]),
        ], fleet: fleet)
    }

    func session(revision: String? = "r1", driver: FakeDriver? = nil) -> ReconcileSession {
        Fixtures.session(Fixtures.state(revision: revision), store: store, drivers: [driver ?? self.driver])
    }
}

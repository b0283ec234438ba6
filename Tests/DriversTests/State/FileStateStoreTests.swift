import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("File state store")
struct FileStateStoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("botops-state-\(UUID().uuidString)/state.json").path
    }

    @Test func missingFileIsAnEmptyInventoryWithAFreshKey() async throws {
        let store = FileStateStore(path: Self.temporaryPath())
        let first = try await store.load()
        let second = try await store.load()
        #expect(first.resources.isEmpty)
        #expect(first.fingerprintKey != second.fingerprintKey, "a new random key until one is saved")
    }

    @Test func saveIsAtomicOwnerOnlyAndRoundTrips() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        var inventory = Inventory(revision: "abc")
        let address = ResourceAddress(.webhook, "w")
        inventory.resources[address] = InventoryEntry(address: address, fingerprints: ["secret_token": "hmac-sha256:00"],
                                                      attributes: ["bot": "b"], dependsOn: [ResourceAddress(.bot, "b")])
        try await store.save(inventory)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let loaded = try await store.load()
        #expect(loaded.revision == "abc")
        #expect(loaded.fingerprintKey == inventory.fingerprintKey)
        #expect(loaded.resources[address]?.attributes["bot"] == "b")
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
    }

    @Test func aCorruptFileIsAnErrorNotAnEmptyInventory() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        // An empty inventory here would make botops forget, and never prune, everything it owns.
        await #expect(throws: StateStoreError.self) { try await FileStateStore(path: path).load() }
    }

    @Test func theLockIsExclusiveAndReleased() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let holder = await LockHolder.hold(store)
        await #expect {
            try await FileStateStore(path: path).withLock { }
        } throws: { error in
            guard let lock = error as? StateLockError else { return false }
            return lock.holder?.contains("pid \(getpid())") == true && "\(lock)".contains("locked by another botops run")
        }
        try await holder.releaseAndWait()
        try await FileStateStore(path: path).withLock { }
        #expect(try String(contentsOfFile: path + ".lock", encoding: .utf8).isEmpty, "a finished run is not named as a holder")
    }
}

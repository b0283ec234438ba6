@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A state file read again is not decoded again while it is the same file; any other writer's file
/// (renamed over it, or edited in place) is read afresh.
@Suite("File state: the snapshot is remembered only while the file is the same", .timeLimit(.minutes(5)))
struct FileSnapshotCacheTests {
    static func inventory(_ names: [String]) -> Inventory {
        var inventory = Inventory()
        for name in names { inventory.resources[ResourceAddress(.bot, name)] = InventoryEntry(address: ResourceAddress(.bot, name)) }
        return inventory
    }

    /// A snapshot this store wrote is what it reads next, so it is not decoded again (the identity is the file's
    /// after its rename, which changes the change time).
    @Test func aSnapshotWrittenIsRememberedAsTheFileNowThere() async throws {
        let path = FileStateStoreTests.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        try await store.save(Self.inventory(["a", "b"]))
        let identity = try #require(FileSnapshotCache.Identity(path: path))
        let remembered = try #require(store.snapshots.snapshot(at: path, identity: identity), "the file written is remembered")
        #expect(remembered.inventory.resources.keys.map(\.name).sorted() == ["a", "b"])
    }

    @Test func anotherWritersFileIsReadAfresh() async throws {
        let path = FileStateStoreTests.temporaryPath()
        let folder = (path as NSString).deletingLastPathComponent
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = FileStateStore(path: path)
        try await store.save(Self.inventory(["a"]))
        #expect(try await store.load().resources.keys.map(\.name) == ["a"])

        // Another process writes its own file and renames it over ours.
        let other = folder + "/other.json"
        try await FileStateStore(path: other).save(Self.inventory(["b"]))
        #expect(rename(other, path) == 0)
        #expect(try await store.load().resources.keys.map(\.name) == ["b"])

        // Someone edits it in place: the same inode, another size and time.
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(original.contains("Bot/b\""))
        let text = original
            .replacingOccurrences(of: "Bot/b\"", with: "Bot/bb\"")
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.truncate(atOffset: 0)
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
        #expect(try await store.load().resources.keys.map(\.name) == ["bb"])
    }
}

@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("File state store: snapshot, journal and files", .timeLimit(.minutes(5)))
struct FileStateStoreTests {
    static func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("botops-state-\(UUID().uuidString)/state.json").path
    }

    /// Removes the temporary folder of `path`.
    static func removeFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        guard FileManager.default.fileExists(atPath: folder) else { return }
        do { try FileManager.default.removeItem(atPath: folder) } catch { Issue.record("could not remove \(folder): \(error)") }
    }

    static func entry(_ name: String) -> InventoryEntry {
        let address = ResourceAddress(.webhook, name)
        return InventoryEntry(address: address, fingerprints: ["secret_token": "hmac-sha256:00"], attributes: ["bot": "b"],
                              dependsOn: [ResourceAddress(.bot, "b")], lane: "telegram:b")
    }

    @Test func aMissingFileIsAFreshInventoryAndLoadingWritesNothing() async throws {
        let path = Self.temporaryPath()
        let store = FileStateStore(path: path)
        let inventory = try await store.load()
        #expect(inventory.resources.isEmpty)
        #expect(inventory.isFresh, "no key until the first apply makes one")
        #expect(!FileManager.default.fileExists(atPath: (path as NSString).deletingLastPathComponent), "a load creates nothing")
    }

    @Test func deltasAreJournalledThenFoldedIntoTheSnapshot() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let lock = try await store.lock(timeout: .zero, run: RunInfo())
        try await store.record(InventoryDelta(upserts: [Self.entry("one")], fingerprintKey: "a2V5"), under: lock)
        try await store.record(InventoryDelta(upserts: [Self.entry("two")]), under: lock)
        try await store.record(InventoryDelta(removals: [ResourceAddress(.webhook, "one")]), under: lock)
        #expect(!FileManager.default.fileExists(atPath: path), "recording appends to the journal; no snapshot is rewritten")
        let journal = try String(contentsOfFile: path + ".journal", encoding: .utf8)
        #expect(journal.split(separator: "\n").count == 3)
        // A reader sees the journal applied, with no lock.
        let during = try await FileStateStore(path: path).load()
        #expect(during.resources.keys.sorted() == [ResourceAddress(.webhook, "two")])
        #expect(during.fingerprintKey == "a2V5")
        #expect(during.resources[ResourceAddress(.webhook, "two")]?.lane == "telegram:b")

        try await store.record(InventoryDelta(completed: .init(revision: "abc")), under: lock)
        try await store.finish(RunRecord(run: lock.run, revision: "abc", result: .succeeded), under: lock)
        await lock.release()
        #expect(try String(contentsOfFile: path + ".journal", encoding: .utf8).isEmpty, "finishing folds the journal in")
        let after = try await store.load()
        #expect(after.revision == "abc")
        #expect(after.resources.keys.sorted() == [ResourceAddress(.webhook, "two")])
        for file in [path, path + ".journal", path + ".history", path + ".lock"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file) is the owner's only")
        }
        let folder = (path as NSString).deletingLastPathComponent
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
    }

    /// A run that changes little leaves its lines in the journal (rewriting a large snapshot for them cost more than
    /// the run); readers see them, and a journal grown to an eighth of the snapshot is folded in.
    @Test func aSmallRunsLinesStayInTheJournalUntilItGrows() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let many = (0..<2_000).map { Self.entry("bot\($0)") }
        var inventory = Inventory()
        for entry in many { inventory.resources[entry.address] = entry }
        try await store.save(inventory)
        let snapshotBytes = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(snapshotBytes / FileStateStore.compactionShare > FileStateStore.compactionFloor, "the test's snapshot is large")

        func run(_ name: String) async throws {
            let lock = try await store.lock(timeout: .zero, run: RunInfo())
            try await store.record(InventoryDelta(upserts: [Self.entry(name)]), under: lock)
            try await store.finish(RunRecord(run: lock.run, revision: nil, result: .succeeded), under: lock)
            await lock.release()
        }
        try await run("late")
        #expect(try String(contentsOfFile: path + ".journal", encoding: .utf8).split(separator: "\n").count == 1,
                "a one-change run leaves its line in the journal")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int == snapshotBytes, "the snapshot is not rewritten")
        #expect(try await FileStateStore(path: path).load().resources[ResourceAddress(.webhook, "late")] != nil,
                "another reader sees the journal applied")

        var runs = 1
        while try String(contentsOfFile: path + ".journal", encoding: .utf8).isEmpty == false {
            runs += 1
            try await run("late\(runs)")
            try #require(runs < 10_000, "the journal is never folded in")
        }
        #expect(runs > 10, "folded only once it had grown, after \(runs) runs")
        let after = try await FileStateStore(path: path).load()
        #expect(after.resources.count == 2_000 + runs)
    }

    @Test func aJournalLeftByACrashIsReplayedAndItsCutLastLineIgnored() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let store = FileStateStore(path: path)
        let lock = try await store.lock(timeout: .zero, run: RunInfo())
        try await store.record(InventoryDelta(upserts: [Self.entry("one")], fingerprintKey: "a2V5"), under: lock)
        // The process dies half-way through writing the next line.
        let handle = try #require(FileHandle(forWritingAtPath: path + ".journal"))
        handle.seekToEndOfFile()
        handle.write(Data("{\"delta\":{\"removals\":[\"Webh".utf8))
        try handle.close()
        await lock.release()

        let reloaded = try await FileStateStore(path: path).load()
        #expect(reloaded.resources.keys.sorted() == [ResourceAddress(.webhook, "one")])
        // The next run goes on numbering after what is there, and its records survive a reload.
        let next = try await store.lock(timeout: .zero, run: RunInfo())
        try await store.record(InventoryDelta(upserts: [Self.entry("two")]), under: next)
        await next.release()
        #expect(try await store.load().resources.count == 2)
    }

    @Test func aFormatOneFileStillReads() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try """
            {"fingerprintKey": "a2V5", "formatVersion": 1, "revision": "r1", "resources": [
              {"address": "Bot/b", "appliedAt": "2026-12-01T10:00:00Z", "attributes": {"lane": "telegram:b", "token": {"fromEnv": "B"}},
               "dependsOn": [], "fingerprints": {}}]}
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let inventory = try await FileStateStore(path: path).load()
        let entry = try #require(inventory.resources[ResourceAddress(.bot, "b")])
        #expect(entry.lane == "telegram:b", "the lane moved out of the driver's attributes")
        #expect(entry.attributes == ["token": .object(["fromEnv": "B"])])
        #expect(inventory.fingerprintKey == "a2V5")
    }

    @Test func aCorruptFileIsAnErrorNotAnEmptyInventory() async throws {
        let path = Self.temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        // An empty inventory here would make botops forget, and never prune, everything it owns.
        await #expect(throws: StateStoreError.self) { try await FileStateStore(path: path).load() }
    }
}

@Suite("File state store: dates", .timeLimit(.minutes(5)))
struct FileStateDateTests {
    @Test(arguments: ["2026-12-02T01:43:09Z", "2026-12-02T01:43:09.192Z", "1999-02-28T23:59:59.5Z", "2028-02-29T00:00:00.001Z"])
    func theFastParserAgreesWithFoundation(_ text: String) throws {
        let style = text.contains(".") ? Date.ISO8601FormatStyle(includingFractionalSeconds: true) : Date.ISO8601FormatStyle()
        let expected = try style.parse(text)
        let parsed = try #require(StateCoding.parseUTC(text))
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.0005)
    }

    @Test(arguments: ["2026-12-02T01:43:09.192Z", "1999-02-28T23:59:59.500Z", "2028-02-29T00:00:00.001Z", "1970-01-01T00:00:00.000Z"])
    func aDateWritesBackTheSameText(_ text: String) throws {
        let date = try #require(StateCoding.parseUTC(text))
        #expect(StateCoding.formatUTC(date) == text)
        // Postgres keeps microseconds: a date through it still writes the same text.
        #expect(StateCoding.formatUTC(Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1e6).rounded() / 1e6)) == text)
    }

    @Test(arguments: ["2026-12-02T01:43:09+02:00", "2026-13-02T01:43:09Z", "not a date", "2026-12-02T01:43:09"])
    func otherFormsAreLeftToFoundation(_ text: String) {
        #expect(StateCoding.parseUTC(text) == nil)
    }
}

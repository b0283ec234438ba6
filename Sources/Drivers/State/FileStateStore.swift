import Foundation
import Reconciler
import Spec

/// Keeps the inventory in a JSON file (default `.botops/state.json` next to botops.yaml), the
/// changes since it was last written in a journal beside it, and the run history in a bounded
/// JSON-lines file.
///
/// - `state.json` is a snapshot, written atomically (a temporary file renamed over the old one).
/// - `state.json.journal` gets one line per recorded delta, so recording costs the same for ten
///   resources or ten thousand; a run folds it into the snapshot when it finishes. A crash leaves
///   the journal, and the next load replays it.
/// - `state.json.history` keeps the last ``historyLimit`` runs, one JSON object a line.
/// - `state.json.lock` is the write lock (``FileStateLock``) and names its holder.
///
/// Every file is readable by its owner only, since the state holds the fingerprint key. Loading
/// takes no lock and writes nothing.
public struct FileStateStore: StateStore {
    public let path: String
    /// Runs the history keeps.
    public let historyLimit: Int
    /// How the files are written and read back.
    public let coding: StateCoding
    /// The snapshots this store (and any other given the same cache) read or wrote last.
    let snapshots: FileSnapshotCache

    public init(path: String, historyLimit: Int = 200, kinds: KindRegistry = .standard,
                snapshots: FileSnapshotCache = FileSnapshotCache()) {
        self.path = path
        self.historyLimit = max(1, historyLimit)
        coding = StateCoding(kinds: kinds)
        self.snapshots = snapshots
    }

    public var description: String { "file:\(path)" }
    var journalPath: String { path + ".journal" }
    var historyPath: String { path + ".history" }
    var lockPath: String { path + ".lock" }

    public func load() async throws -> Inventory {
        try read().inventory
    }

    /// Reads the snapshot into the cache ahead of a ``load()`` (see ``StatePrefetch``); a file that cannot
    /// be read is left for that load to report.
    func prefetch() {
        do {
            _ = try readSnapshot()
        } catch {
            // Not this read's to report: the run's own read meets the same error and says it with its context.
        }
    }

    public func lock(timeout: Duration, run: RunInfo) async throws -> any StateLock {
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            if let descriptor = try takeFlock(lockPath, holder: run) {
                do {
                    try dropCutLine()
                    // Sequence numbers go on from what is already recorded, also after a crash.
                    let current = try read()
                    return FileStateLock(run: run, path: lockPath, descriptor: descriptor, nextSequence: current.lastSequence + 1)
                } catch {
                    ftruncate(descriptor, 0)
                    close(descriptor)
                    throw error
                }
            }
            let waited = clock.now - start
            guard waited < timeout else {
                throw StateLockError(store: description, holder: currentHolder(), waited: waited)
            }
            try await Task.sleep(for: min(.milliseconds(100), timeout - waited))
        }
    }

    public func record(_ delta: InventoryDelta, under lock: any StateLock) async throws {
        let lock = try checked(lock)
        let line = JournalLine(sequence: lock.nextSequence(), delta: delta)
        var data = try coding.encoder(pretty: false).encode(line)
        data.append(0x0A)
        try append(data, to: journalPath)
        CrashHook.wrote("state journal line \(line.sequence)")
    }

    public func finish(_ run: RunRecord, under lock: any StateLock) async throws {
        _ = try checked(lock)
        let run = run.locked(at: lock.acquiredAt)
        if compactionIsDue() { try compact() }
        var data = try coding.encoder(pretty: false).encode(run)
        data.append(0x0A)
        try append(data, to: historyPath)
        CrashHook.wrote("state history line")
        let lines = try historyLines()
        if lines.count > historyLimit {
            try writeAtomically(Data((lines.suffix(historyLimit).joined(separator: "\n") + "\n").utf8), to: historyPath)
        }
    }

    public func history(limit: Int) async throws -> [RunRecord] {
        let decoder = coding.decoder()
        return try historyLines().suffix(limit).reversed().map { line in
            do {
                return try decoder.decode(RunRecord.self, from: Data(line.utf8))
            } catch {
                throw StateStoreError(store: description, message: "the history file \(historyPath) has a line that is not a run record")
            }
        }
    }

    /// Replaces the whole inventory: for moving a state between stores, and for tests.
    public func save(_ inventory: Inventory) async throws {
        try writeSnapshot(FileSnapshot(inventory: inventory, journalSequence: try read().lastSequence))
    }

    // MARK: Files

    /// The snapshot with the journal applied. The journal is read first: a run that compacts
    /// writes the snapshot before it empties the journal, so this order never misses a delta.
    private func read() throws -> (inventory: Inventory, lastSequence: Int) {
        let journal = try journalLines()
        var snapshot = try readSnapshot()
        var last = snapshot.journalSequence
        for line in journal where line.sequence > snapshot.journalSequence {
            snapshot.inventory.apply(line.delta)
            last = max(last, line.sequence)
        }
        return (snapshot.inventory, last)
    }

    private func readSnapshot() throws -> FileSnapshot {
        guard FileManager.default.fileExists(atPath: path) else { return FileSnapshot(inventory: Inventory(), journalSequence: -1) }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StateStoreError(store: description, message: "cannot read the state file; check its permissions")
        }
        defer { try? handle.close() }
        // The identity of the very file read, so a snapshot renamed over it meanwhile is never taken for it.
        let identity = FileSnapshotCache.Identity(descriptor: handle.fileDescriptor)
        if let identity, let remembered = snapshots.snapshot(at: path, identity: identity) { return remembered }
        let data: Data
        do {
            data = try handle.readToEnd() ?? Data()
        } catch {
            throw StateStoreError(store: description, message: "cannot read the state file: \(error.localizedDescription)")
        }
        do {
            let snapshot = try StateJSONReader(kinds: coding.kinds).snapshot(data) ?? coding.decoder().decode(FileSnapshot.self, from: data)
            if let identity { snapshots.remember(snapshot, at: path, identity: identity) }
            return snapshot
        } catch {
            throw StateStoreError(store: description,
                message: "the state file is not valid botops state (\(error)); restore it from a backup rather than delete it, "
                    + "or botops forgets what it owns")
        }
    }

    private func journalLines() throws -> [JournalLine] {
        guard let data = FileManager.default.contents(atPath: journalPath), !data.isEmpty else { return [] }
        let decoder = coding.decoder()
        var lines = data.split(separator: 0x0A, omittingEmptySubsequences: true)
        // A last line without its newline was cut short by a crash mid-write: that delta was never
        // acknowledged, so the run that wrote it did not go on from it.
        if data.last != 0x0A { lines.removeLast() }
        let reader = StateJSONReader(kinds: coding.kinds)
        return try lines.map { line in
            do {
                return try reader.journalLine(line) ?? decoder.decode(JournalLine.self, from: Data(line))
            } catch {
                throw StateStoreError(store: description,
                    message: "the journal \(journalPath) has a damaged line; restore the state from a backup rather than delete it")
            }
        }
    }

    /// A journal line cut short by a crash is cut off before this run appends after it.
    private func dropCutLine() throws {
        guard let data = FileManager.default.contents(atPath: journalPath), let last = data.last, last != 0x0A else { return }
        let keep = data.lastIndex(of: 0x0A).map { data.index(after: $0) } ?? data.startIndex
        guard truncate(journalPath, off_t(keep - data.startIndex)) == 0 else {
            throw StateStoreError(store: description, message: "cannot repair the journal \(journalPath): \(String(cString: strerror(errno)))")
        }
    }

    private func historyLines() throws -> [String] {
        guard let data = FileManager.default.contents(atPath: historyPath) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func currentHolder() -> RunInfo? {
        // Only to name the holder in the message; the refusal stands whether or not it can be read.
        guard let data = FileManager.default.contents(atPath: lockPath), !data.isEmpty else { return nil }
        return try? JSONDecoder().decode(RunInfo.self, from: data)
    }

    /// Whether a finishing run folds the journal in: when there is no snapshot yet, or the journal has grown to
    /// ``compactionShare`` of the snapshot (at least ``compactionFloor`` bytes). Rewriting a 1,000-bot snapshot after
    /// a push that changed one bot cost more than the push's own work; a journal kept short costs readers little.
    private func compactionIsDue() -> Bool {
        guard let snapshot = FileSnapshotCache.Identity(path: path)?.size else { return true }
        let journal = FileSnapshotCache.Identity(path: journalPath)?.size ?? 0
        return journal >= max(Int64(Self.compactionFloor), snapshot / Int64(Self.compactionShare))
    }

    /// The journal is folded in once it reaches 1/compactionShare of the snapshot...
    static let compactionShare = 8
    /// ...and this many bytes.
    static let compactionFloor = 64 << 10

    /// Folds the journal into the snapshot, then empties the journal.
    private func compact() throws {
        let current = try read()
        guard FileManager.default.fileExists(atPath: journalPath) else {
            if !FileManager.default.fileExists(atPath: path) {
                try writeSnapshot(FileSnapshot(inventory: current.inventory, journalSequence: current.lastSequence))
            }
            return
        }
        try writeSnapshot(FileSnapshot(inventory: current.inventory, journalSequence: current.lastSequence))
        CrashHook.wrote("state snapshot, journal not yet emptied")
        try writeAtomically(Data(), to: journalPath)
    }

    private func checked(_ lock: any StateLock) throws -> FileStateLock {
        guard let lock = lock as? FileStateLock, lock.path == lockPath else {
            throw StateStoreError(store: description, message: "written under a lock of another store")
        }
        guard lock.held else { throw StateLockLostError(store: description) }
        return lock
    }

    private func writeSnapshot(_ snapshot: FileSnapshot) throws {
        let identity = try writeAtomically(try coding.encoder(pretty: true).encode(snapshot), to: path)
        if let identity { snapshots.remember(snapshot, at: path, identity: identity) }
    }

}

/// One line of the journal.
struct JournalLine: Codable {
    let sequence: Int
    let delta: InventoryDelta
}

/// The snapshot file: the inventory, and the last journal line already folded into it.
struct FileSnapshot: Codable {
    var inventory: Inventory
    var journalSequence: Int

    enum CodingKeys: String, CodingKey { case journalSequence }

    init(inventory: Inventory, journalSequence: Int) {
        self.inventory = inventory
        self.journalSequence = journalSequence
    }

    /// The inventory's own keys and `journalSequence` side by side, so a format-1 file (which has
    /// no sequence) still reads.
    init(from decoder: any Decoder) throws {
        inventory = try Inventory(from: decoder)
        journalSequence = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Int.self, forKey: .journalSequence) ?? -1
    }

    func encode(to encoder: any Encoder) throws {
        try inventory.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(journalSequence, forKey: .journalSequence)
    }
}

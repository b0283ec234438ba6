import Foundation
import Synchronization

/// What each file of the last loads read to, by its path and text, so a commit that changes one file of a
/// thousand parses one: the daemon loads every pushed commit whole, and parsing the unchanged files was most of
/// a push pass's own work. A file whose reading consulted other files (``AssetUse``) is never remembered. Entries
/// not used by the current load or the one before are dropped when a load finishes.
final class FileOutcomeCache: Sendable {
    /// Compared and hashed by bytes: Swift's own String equality treats canonically equivalent texts as equal
    /// (an é composed or decomposed), which read differently (lengths Telegram counts, the file's size).
    struct Key: Hashable, Sendable {
        /// The loader's limits and kinds: the same text reads differently under others.
        let signature: String
        let path: String
        let text: String

        static func == (lhs: Key, rhs: Key) -> Bool {
            sameBytes(lhs.signature, rhs.signature) && sameBytes(lhs.path, rhs.path) && sameBytes(lhs.text, rhs.text)
        }

        /// Byte for byte, compared whole: a generic walk of two UTF-8 views was most of a cache hit's cost.
        private static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
            var lhs = lhs, rhs = rhs
            return lhs.withUTF8 { left in
                rhs.withUTF8 { right in
                    left.count == right.count && (left.isEmpty || memcmp(left.baseAddress!, right.baseAddress!, left.count) == 0)
                }
            }
        }

        func hash(into hasher: inout Hasher) {
            for var part in [signature, path, text] {
                part.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
                hasher.combine(0xFF as UInt8)  // never a byte of UTF-8: parts cannot run into each other
            }
        }
    }

    private struct State {
        var generation = 0
        var entries: [Key: (outcome: SpecLoader.FileOutcome, used: Int)] = [:]
        var read = 0
    }

    private let state = Mutex(State())

    /// Starts a load; returns its generation, to hand to the other calls.
    func startLoad() -> Int {
        state.withLock { state in
            state.generation += 1
            return state.generation
        }
    }

    /// The remembered outcome of `key`, now marked used by `generation`.
    func outcome(for key: Key, generation: Int) -> SpecLoader.FileOutcome? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            entry.used = max(entry.used, generation)
            state.entries[key] = entry
            return entry.outcome
        }
    }

    /// Counts a file read, and remembers its outcome unless it consulted other files.
    func read(_ outcome: SpecLoader.FileOutcome, for key: Key, generation: Int, namedOtherFiles: Bool) {
        state.withLock { state in
            state.read += 1
            if !namedOtherFiles { state.entries[key] = (outcome, generation) }
        }
    }

    /// Drops what neither this load nor the one before used.
    func finishLoad(_ generation: Int) {
        state.withLock { state in state.entries = state.entries.filter { $0.value.used >= generation - 1 } }
    }

    /// Files parsed through this cache so far (not found in it).
    var filesRead: Int { state.withLock { $0.read } }
}

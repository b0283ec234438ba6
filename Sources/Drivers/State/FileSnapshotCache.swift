import Foundation
import Synchronization

/// The last snapshot each state file was read or written as, with the file's identity then (device,
/// inode, size, modification time). A run reads the snapshot several times (to lock, to plan, to
/// compact) and a daemon reads it every pass; a file that is still the one remembered is not decoded
/// again. Snapshots are replaced by renaming a new file over the old, so any write by anyone,
/// in this process or another, changes the identity and the file is read afresh.
///
/// A store has one of its own; a ``DriverCatalog`` keeps one for all the stores its sessions make, so a
/// daemon's passes share it.
public final class FileSnapshotCache: Sendable {
    public init() {}

    struct Identity: Equatable, Sendable {
        let device: UInt64
        let inode: UInt64
        let size: Int64
        let modifiedSeconds: Int
        let modifiedNanoseconds: Int
        /// The change time too: an inode reused within one modification tick still differs here more often.
        let changedSeconds: Int
        let changedNanoseconds: Int

        /// The identity of the file at `path` now; nil when it cannot be seen.
        init?(path: String) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.init(info)
        }

        /// The identity of the open file `descriptor`: exactly the file whose bytes are read from it.
        init?(descriptor: Int32) {
            var info = stat()
            guard fstat(descriptor, &info) == 0 else { return nil }
            self.init(info)
        }

        private init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modifiedSeconds = info.st_mtim.tv_sec
            modifiedNanoseconds = info.st_mtim.tv_nsec
            changedSeconds = info.st_ctim.tv_sec
            changedNanoseconds = info.st_ctim.tv_nsec
        }
    }

    private let entries = Mutex<[String: (identity: Identity, snapshot: FileSnapshot)]>([:])

    /// The snapshot remembered for `path`, if `identity` is still the file it was read from.
    func snapshot(at path: String, identity: Identity) -> FileSnapshot? {
        entries.withLock { entries in
            guard let entry = entries[path], entry.identity == identity else { return nil }
            return entry.snapshot
        }
    }

    /// Files read ahead of a run that then used another store (see ``StatePrefetch``).
    private let passedOver = Mutex<Set<String>>([])

    /// Forgets what was read at `path`, and notes that a run did not use it: it is not read ahead again.
    func passOver(_ path: String) {
        _ = entries.withLock { $0.removeValue(forKey: path) }
        _ = passedOver.withLock { $0.insert(path) }
    }

    /// Whether a run passed over the file at `path` and no store has read or written it since.
    func isPassedOver(_ path: String) -> Bool {
        passedOver.withLock { $0.contains(path) }
    }

    /// Remembers `snapshot` as what the file `identity` at `path` holds.
    func remember(_ snapshot: FileSnapshot, at path: String, identity: Identity) {
        entries.withLock { $0[path] = (identity, snapshot) }
        _ = passedOver.withLock { $0.remove(path) }
    }
}

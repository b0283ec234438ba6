import Reconciler
import Spec

/// Reads a state file's snapshot into a ``FileSnapshotCache`` on another thread while the configuration
/// loads, so the run's own read finds it there. Which store a run uses is known only once the
/// configuration is loaded (the Project may name Postgres), so the file is read on the guess that it is
/// the one: in a converged plan of 12,000 rows the snapshot took 0.12-0.15 s on one core after a load
/// that kept the other core idle for its last third.
///
/// A guess that proves wrong costs one read on the other core: ``settle(using:)`` drops the snapshot again
/// and the cache remembers the path as passed over, so a daemon's later passes do not read it again (until
/// a store of that file reads or writes it). A file that cannot be read or is not valid state is left to
/// the run's own read, which reports it.
struct StatePrefetch {
    let path: String
    private let snapshots: FileSnapshotCache
    private let read: BackgroundWork<Void>

    /// Starts reading `path` when it is the file store the run will most likely use; nil when it names none,
    /// or a run of the same cache found that file was not its store.
    static func start(path: String?, kinds: KindRegistry, snapshots: FileSnapshotCache) -> StatePrefetch? {
        guard let path, !snapshots.isPassedOver(path) else { return nil }
        let store = FileStateStore(path: path, kinds: kinds, snapshots: snapshots)
        return StatePrefetch(path: path, snapshots: snapshots, read: BackgroundWork { store.prefetch() })
    }

    /// Waits for the read, then lets its snapshot go unless `store` is that very file (nil: the run ends
    /// without a store): a wrong guess must not keep a state file nobody reads in a daemon's cache.
    func settle(using store: (any StateStore)?) {
        read.value()
        if (store as? FileStateStore)?.path != path { snapshots.passOver(path) }
    }
}

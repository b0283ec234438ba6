/// Whether a resource is as git says, as the daemon's last pass that read it left it: the status API's
/// `sync`, the `botops_resources` gauge's label.
public enum SyncState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Live matches the declaration (or was just made to).
    case synced
    /// A change was planned but not made (a refused plan).
    case outOfSync = "out-of-sync"
    /// Its change failed.
    case failed
    /// Not attempted: something it depends on failed.
    case skipped
    /// The pass was stopped before its turn.
    case notStarted = "not-started"
    /// It could not be read.
    case unknown
}

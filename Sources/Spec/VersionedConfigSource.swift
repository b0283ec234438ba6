/// A ``ConfigSource`` read at a commit of a repository, which can read the same configuration at
/// another commit and list the commits between two. The daemon uses it to plan only what changed
/// since the applied revision, and every plan header to name the commits it brings.
public protocol VersionedConfigSource: ConfigSource {
    /// The same repository and folder read at `commit` (a full id), with no fetch: the commit must
    /// already be in the repository (it is, when it was applied from it).
    /// - Throws: ``ConfigSourceError`` with `.revisionNotFound` when the commit is not there.
    func reading(at commit: String) throws -> any ConfigSource

    /// The commits reachable from this source's revision and not from `base`, newest first, at
    /// most `limit` of them; empty when `base` is this revision or a descendant of it.
    /// - Throws: ``ConfigSourceError`` with `.revisionNotFound` when `base` is not in the repository.
    func commits(since base: String, limit: Int) throws -> [CommitSummary]

    /// The commit `revision` names (a full id), with its author and time.
    func commit(_ revision: String) throws -> CommitSummary
}

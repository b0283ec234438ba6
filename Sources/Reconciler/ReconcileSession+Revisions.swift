import Spec

extension ReconcileSession {
    /// The desired state at the applied revision, for a targeted plan; nil (a full plan) when the
    /// source is not versioned, nothing was applied from git, the revision is the one being planned
    /// already read, or the configuration there cannot be read or is invalid.
    func baseline(at applied: String?) -> DesiredState? {
        guard let applied, let source = source as? any VersionedConfigSource else { return nil }
        if applied == state.revision { return state }
        do {
            let result = try loader.load(from: try source.reading(at: applied))
            if result.state == nil {
                logger.notice("the applied revision's configuration is invalid; planning everything",
                              metadata: ["revision": "\(applied.prefix(12))"])
            }
            return result.state
        } catch {
            logger.notice("the applied revision cannot be read; planning everything",
                          metadata: ["revision": "\(applied.prefix(12))", "error": "\(error)"])
            return nil
        }
    }

    /// The commits from the applied revision to the planned one; nil when unknown.
    func commits(since applied: String?) -> [CommitSummary]? {
        guard let applied, let source = source as? any VersionedConfigSource, state.revision != nil else { return nil }
        if applied == state.revision { return [] }
        do {
            return try source.commits(since: applied, limit: Plan.commitLimit)
        } catch {
            return nil
        }
    }
}

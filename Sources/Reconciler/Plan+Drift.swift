extension Plan {
    /// The changes that heal drift: a resource botops owns whose live object was changed or removed
    /// behind its back, while its declaration stayed as applied.
    ///
    /// A recreate (owned, missing live) is always drift. An update or forced replace of an owned
    /// resource is drift when nothing was declared differently since the state's last full apply
    /// (the plan's revision is the applied one); when the revision moved, a change may be the new
    /// declaration's and is not counted, and a folder (no revision) counts recreates alone.
    public var drift: [Change] {
        let declarationsUnchanged = revision != nil && revision == appliedRevision && targetedSince == nil
        return changes.filter { change in
            if change.cause == .recreate { return true }
            guard declarationsUnchanged else { return false }
            return (change.action == .update && change.cause == nil) || (change.action == .replace && change.cause == .forcedReplace)
        }
    }
}

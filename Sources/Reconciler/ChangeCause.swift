/// Why the planner chose a change's action, for the engine's own decisions (which the reason's
/// text must never drive) and for renderers.
public enum ChangeCause: String, Sendable, Hashable, Codable {
    /// Live matches a declared resource the inventory did not own: the inventory takes it over.
    case adopt
    /// Owned, no longer declared, and already gone live: the inventory forgets it.
    case forget
    /// Owned and no longer declared, of a kind never deleted (a chat): left as it is, and the inventory forgets it.
    case release
    /// Owned and declared, but missing live: made again.
    case recreate
    /// Declared and live, not owned yet, and different: updated and taken over.
    case takeOver = "take-over"
    /// Owned and no longer declared.
    case noLongerDeclared = "no-longer-declared"
    /// No longer declared, but prune is off.
    case keptPruneOff = "kept-prune-off"
    /// Carries botops' marker but the inventory lacked it (an interrupted run).
    case orphan
    /// A field that cannot change in place changed.
    case forcedReplace = "forced-replace"
    /// Taken over (`--adopt`) from a live object without botops' marker: replaced by the same object carrying
    /// it, no declared field changing; counted and shown apart from changes.
    case adoptByReplace = "adopt-by-replace"
}

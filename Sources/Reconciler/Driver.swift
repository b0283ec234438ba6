import Spec

/// Connects the engine to one live system (Telegram, Docker, Postgres).
///
/// The engine asks a driver for the canonical form of what is declared, for what is live at a set
/// of addresses, and to carry out one planned change. The diff between the two is the engine's:
/// drivers make both sides canonical (defaults filled in) so a converged system diffs to nothing.
public protocol Driver: Sendable {
    /// A short name for messages (`telegram`).
    var name: String { get }
    /// The kinds this driver manages.
    var kinds: Set<ResourceKind> { get }

    /// The declared resources of this driver's kinds in canonical form. May resolve secrets that
    /// must be fingerprinted to be compared.
    func desired(in context: DriverContext) throws(ResourceErrors) -> [DesiredResource]

    /// Reads the live objects at `addresses` (declared ones and owned ones). Returns an observation
    /// for every address, or throws: a failed read is never reported as `absent`.
    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async throws(ResourceErrors) -> [ResourceAddress: Observation]

    /// Field paths (or path prefixes) whose change cannot be made in place.
    func replaceTriggers(for kind: ResourceKind) -> Set<String>

    /// Carries out one change. Returns what the inventory should now hold for the address
    /// (nil to forget it) and how many write calls were made.
    func apply(_ change: Change, desired: DesiredResource?, context: DriverContext) async throws(ResourceError) -> ApplyOutcome
}

extension Driver {
    public func replaceTriggers(for kind: ResourceKind) -> Set<String> { [] }
}

/// The result of applying one change.
public struct ApplyOutcome: Sendable {
    /// The inventory entry after the change; nil when the resource is gone.
    public let entry: InventoryEntry?
    /// Write calls made to the live system.
    public let writes: Int

    public init(entry: InventoryEntry?, writes: Int) {
        self.entry = entry
        self.writes = writes
    }
}

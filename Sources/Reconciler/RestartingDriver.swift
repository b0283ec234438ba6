import Spec

/// A driver that can restart a live object botops owns in place, leaving desired state as it is:
/// the escape hatch of an incident (`botops restart Kind/NAME`). The engine's ``ResourceRestart``
/// checks ownership, holds the state lock and records the restart in the history; the driver only acts.
public protocol RestartingDriver: Driver {
    /// Where the object runs, as its inventory entry says (a Docker engine's name), so a caller that
    /// names a place can be refused before anything is locked.
    func placement(of entry: InventoryEntry) -> String

    /// Restarts the object at `entry.address`. Errors are ``SessionError``s: `not-owned` when no such
    /// object of botops' is live, `command-failed` when the live system refused.
    func restart(_ entry: InventoryEntry, context: DriverContext) async throws(SessionError) -> RestartOutcome
}

/// What a restart did, for the command and the API to print.
public struct RestartOutcome: Sendable {
    public let address: ResourceAddress
    /// Where it ran (``RestartingDriver/placement(of:)``).
    public let placement: String
    /// The live object's own id (a container's id).
    public let objectID: String
    /// How the driver restarted it, for people: `container 1a2b3c4d5e6f on the Docker engine 'default', stop timeout 10s`.
    public let summary: String
    /// What the history says of it: `restarted by hand on the Docker engine 'default'`.
    public let record: String

    public init(address: ResourceAddress, placement: String, objectID: String, summary: String, record: String) {
        self.address = address
        self.placement = placement
        self.objectID = objectID
        self.summary = summary
        self.record = record
    }
}

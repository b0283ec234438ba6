import Spec

/// One change as a driver receives it: the planned change (with its handle), what is declared,
/// and what the inventory holds for it (for an orphan, what its marker said).
public struct PendingChange: Sendable {
    public let change: Change
    /// Nil for a deletion.
    public let desired: DesiredResource?
    /// Nil for a resource botops did not own before this run.
    public let owned: InventoryEntry?

    public init(change: Change, desired: DesiredResource?, owned: InventoryEntry?) {
        self.change = change
        self.desired = desired
        self.owned = owned
    }

    public var address: ResourceAddress { change.address }
}

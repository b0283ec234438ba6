import Spec

/// A live object that carries botops' marker (a label, a managed row) but that the inventory does
/// not list, for example after a crash between creating it and recording it. The planner adopts it
/// when it is declared and deletes it when it is not (prune, within `maxDeletes`), so an interrupted
/// run never leaves an object that no later run sees.
public struct Orphan: Sendable, Hashable {
    public let address: ResourceAddress
    /// Canonical value, as an observation's.
    public let value: JSONValue
    public let handle: Handle?
    /// What the inventory would have recorded, read back from the marker, so the deletion knows
    /// how to find and remove it.
    public let attributes: [String: JSONValue]

    public init(address: ResourceAddress, value: JSONValue, handle: Handle? = nil, attributes: [String: JSONValue] = [:]) {
        self.address = address
        self.value = value
        self.handle = handle
        self.attributes = attributes
    }
}

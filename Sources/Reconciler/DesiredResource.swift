import Spec

/// One declared resource in a driver's canonical form, ready to diff against its observation.
public struct DesiredResource: Sendable, Hashable {
    public let address: ResourceAddress
    /// Canonical value, defaults filled in; write-only fields are keyed fingerprints.
    public let value: JSONValue
    /// Field paths whose values are fingerprints of secrets.
    public let sensitivePaths: Set<String>
    public let dependsOn: [ResourceAddress]
    /// See ``Change/lane``.
    public let lane: String?
    /// See ``Change/batch``.
    public let batch: String?
    /// What the inventory records when this resource is applied (how to find and delete it later:
    /// the bot it belongs to, the token's reference, the command scopes set). The driver's own
    /// facts only; the engine keeps its bookkeeping (lane, batch) in typed fields.
    public let attributes: [String: JSONValue]
    /// Where it is declared, for errors.
    public let location: SourceLocation

    public init(address: ResourceAddress, value: JSONValue, sensitivePaths: Set<String> = [], dependsOn: [ResourceAddress] = [],
                lane: String? = nil, batch: String? = nil, attributes: [String: JSONValue] = [:], location: SourceLocation) {
        self.address = address
        self.value = value
        self.sensitivePaths = sensitivePaths
        self.dependsOn = dependsOn
        self.lane = lane
        self.batch = batch
        self.attributes = attributes
        self.location = location
    }
}

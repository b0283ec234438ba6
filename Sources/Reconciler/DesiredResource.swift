import Spec

/// One declared resource in a driver's canonical form, ready to diff against its observation, with
/// everything the driver's apply needs of its declaration.
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
    /// What apply needs beyond the value (see ``DesiredInput``); the driver that made it reads it back
    /// with ``input(as:)``.
    public let input: (any DesiredInput)?
    /// Resources whose live details feed this one's value, as a data source does (a bot's registry row
    /// takes the username Telegram reports): the planner observes them first and hands their details to
    /// ``Driver/complete(_:reading:)``.
    public let reads: [ResourceAddress]

    public init(address: ResourceAddress, value: JSONValue, sensitivePaths: Set<String> = [], dependsOn: [ResourceAddress] = [],
                lane: String? = nil, batch: String? = nil, attributes: [String: JSONValue] = [:], location: SourceLocation,
                input: (any DesiredInput)? = nil, reads: [ResourceAddress] = []) {
        self.input = input
        self.reads = reads
        self.address = address
        self.value = value
        self.sensitivePaths = sensitivePaths
        self.dependsOn = dependsOn
        self.lane = lane
        self.batch = batch
        self.attributes = attributes
        self.location = location
    }

    /// This resource with `value` in place of its own (a value completed from what it reads).
    public func with(value: JSONValue) -> DesiredResource {
        DesiredResource(address: address, value: value, sensitivePaths: sensitivePaths, dependsOn: dependsOn, lane: lane,
                        batch: batch, attributes: attributes, location: location, input: input, reads: reads)
    }

    /// The input as the driver's own type; nil when there is none or it is another type.
    public func input<Input: DesiredInput>(as type: Input.Type) -> Input? { input as? Input }

    public static func == (lhs: DesiredResource, rhs: DesiredResource) -> Bool {
        lhs.address == rhs.address && lhs.value == rhs.value && lhs.sensitivePaths == rhs.sensitivePaths
            && lhs.dependsOn == rhs.dependsOn && lhs.lane == rhs.lane && lhs.batch == rhs.batch
            && lhs.attributes == rhs.attributes && lhs.location == rhs.location && lhs.reads == rhs.reads
            && boxed(lhs.input) == boxed(rhs.input)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(address)
        hasher.combine(value)
        hasher.combine(boxed(input))
    }
}

private func boxed(_ input: (any DesiredInput)?) -> AnyHashable? {
    guard let input else { return nil }
    return boxed(input)
}

private func boxed(_ input: some DesiredInput) -> AnyHashable { AnyHashable(input) }

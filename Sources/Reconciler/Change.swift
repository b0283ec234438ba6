import Spec

/// The planned action for one resource, with the field-level differences that justify it.
public struct Change: Sendable, Hashable, Codable {
    public let address: ResourceAddress
    public let action: Action
    /// Field differences; empty for a no-op.
    public let fields: [FieldChange]
    /// Why this action, in a few words (`not managed by botops yet`, `no longer declared`).
    public let reason: String?
    /// Resources that must be applied before this one (for deletes: that must be deleted after it).
    public let dependsOn: [ResourceAddress]
    /// Changes that share a lane never run at the same time (Telegram: one lane per bot).
    public let lane: String?
    /// Fingerprint of the live value this change was planned against, so a saved plan can be refused
    /// when the live system moved since.
    public let observedDigest: String

    public init(address: ResourceAddress, action: Action, fields: [FieldChange] = [], reason: String? = nil,
                dependsOn: [ResourceAddress] = [], lane: String? = nil, observedDigest: String = "") {
        self.address = address
        self.action = action
        self.fields = fields
        self.reason = reason
        self.dependsOn = dependsOn
        self.lane = lane
        self.observedDigest = observedDigest
    }

    /// Field paths that change, for drivers deciding which calls to make.
    public var changedPaths: [String] { fields.map(\.path) }

    /// True when a field at `path` or below it changes.
    public func touches(_ prefix: String) -> Bool {
        fields.contains { $0.path == prefix || $0.path.hasPrefix(prefix + ".") || $0.path.hasPrefix(prefix + "[") }
    }
}

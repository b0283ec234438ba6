import Spec

/// The planned action for one resource, with the field-level differences that justify it.
///
/// Everything the engine decides by (lanes, batches, replace order, the cause) is a typed field;
/// `reason` is for people only.
public struct Change: Sendable, Hashable, Codable {
    public let address: ResourceAddress
    public let action: Action
    /// Field differences; empty for a no-op.
    public let fields: [FieldChange]
    /// Why this action, in a few words (`not managed by botops yet`, `no longer declared`).
    public let reason: String?
    /// Why this action, for code.
    public let cause: ChangeCause?
    /// Resources that must be applied before this one (for deletes: that must be deleted after it).
    public let dependsOn: [ResourceAddress]
    /// Changes that share a lane never run at the same time (Telegram: one lane per bot).
    public let lane: String?
    /// Ready changes of one driver with the same batch key are handed to it in one call
    /// (Postgres: one transaction). Deletions and other changes are never in one batch.
    public let batch: String?
    /// On a replace: which goes first, the new object or the old one.
    public let order: ReplaceOrder?
    /// What the driver read about the live object and needs to act on it.
    public let handle: Handle?
    /// Fingerprint of the live value this change was planned against, so a saved plan can be refused
    /// when the live system moved since; empty in a plan made without digests (see ``PlanOptions/digest``).
    public let observedDigest: String
    /// What the live object reports about itself (see ``Observations/statuses``), for people; never drives an action.
    public var status: String?
    /// Its health check's verdict, when it has one.
    public var health: LiveStatus.Health?
    /// The live object's report as data (see ``Observations/details``); never drives an action.
    public var details: JSONValue?

    public init(address: ResourceAddress, action: Action, fields: [FieldChange] = [], reason: String? = nil,
                cause: ChangeCause? = nil, dependsOn: [ResourceAddress] = [], lane: String? = nil, batch: String? = nil,
                order: ReplaceOrder? = nil, handle: Handle? = nil, observedDigest: String = "") {
        self.address = address
        self.action = action
        self.fields = fields
        self.reason = reason
        self.cause = cause
        self.dependsOn = dependsOn
        self.lane = lane
        self.batch = batch
        self.order = order
        self.handle = handle
        self.observedDigest = observedDigest
    }

    /// Field paths that change, for drivers deciding which calls to make.
    public var changedPaths: [String] { fields.map(\.path) }

    /// True when a field at `path` or below it changes.
    public func touches(_ prefix: String) -> Bool {
        fields.contains { FieldChange.path($0.path, isWithin: prefix) }
    }

    /// True when applying it removes a live object before its successor exists: a delete, or a
    /// destroy-before-create replace. These count against `maxDeletes`.
    public var destroysFirst: Bool {
        action == .delete || (action == .replace && order != .createBeforeDestroy)
    }
}

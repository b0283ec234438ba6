import Logging
import Spec

/// What a driver may use during one run: the desired state, what botops owns, and how to reach secrets.
public struct DriverContext: Sendable {
    public let state: DesiredState
    public let inventory: Inventory
    public let secrets: SecretResolver
    public let fingerprinter: Fingerprinter
    public let logger: Logger

    /// The key the fingerprints of this run use: the inventory's, or for a fresh store the one its
    /// first apply will record (a plan of a fresh store uses a throwaway one and writes nothing).
    public let fingerprintKey: String
    /// The run's state store, for a driver that can record its changes in the same transaction as
    /// it makes them (Postgres rows and a Postgres state in one database). Nil in a plan's context
    /// is fine: only apply writes.
    public let store: (any StateStore)?
    /// See ``PlanOptions/adopt``.
    public let adopt: Set<ResourceAddress>
    /// In a targeted plan, the only fields worth reading of some resources (value paths such as
    /// `profile.default.description`): their declaration changed there and nowhere else. A driver
    /// may read just those; the planner compares just those. Resources not listed are read whole.
    public var fieldScopes: [ResourceAddress: Set<String>] = [:]

    public init(state: DesiredState, inventory: Inventory, secrets: SecretResolver, logger: Logger,
                fingerprintKey: String? = nil, store: (any StateStore)? = nil, adopt: Set<ResourceAddress> = []) {
        self.adopt = adopt
        self.store = store
        self.state = state
        self.inventory = inventory
        self.secrets = secrets
        self.fingerprintKey = inventory.fingerprintKey ?? fingerprintKey ?? Fingerprinter.newKey()
        self.fingerprinter = Fingerprinter(key: self.fingerprintKey)
        self.logger = logger
    }

    /// Resolves a secret, turning a failure into a ``ResourceError`` at the reference's location.
    /// Whether the field at `path` of `address` is to be read: always, unless a field scope leaves
    /// it out. A path reads when it holds a scoped field or lies within one.
    public func reads(_ path: String, of address: ResourceAddress) -> Bool {
        guard let scope = fieldScopes[address] else { return true }
        return scope.contains { FieldChange.path($0, isWithin: path) || FieldChange.path(path, isWithin: $0) }
    }

    public func resolve(_ reference: SecretReference, for address: ResourceAddress) throws(ResourceError) -> String {
        do {
            return try secrets.resolve(reference)
        } catch {
            throw ResourceError(address: address, code: .secretUnavailable, message: error.message,
                                location: reference.location)
        }
    }
}

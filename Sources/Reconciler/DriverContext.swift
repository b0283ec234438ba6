import Logging
import Spec

/// What a driver may use during one run: the Project (where its live system is), the declarations
/// of its own kinds, what botops owns, and how to reach secrets. A driver never sees another kind's
/// declarations: what it needs of them is derived before it runs (see ``KindSpec/derive``).
public struct DriverContext: Sendable {
    /// The whole configuration: the engine's, never a driver's.
    let state: DesiredState
    /// The kinds whose declarations may be read: the serving driver's, or nil in the engine's own context.
    public private(set) var kinds: Set<ResourceKind>?
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
    /// The run's lock on that store, so a write in the driver's own transaction can be fenced with it (a
    /// holder that lost the lock to another run must not write). Nil outside an apply.
    public let lock: (any StateLock)?
    /// See ``PlanOptions/adopt``.
    public let adopt: Set<ResourceAddress>
    /// In a targeted plan, the only fields worth reading of some resources (value paths such as
    /// `profile.default.description`): their declaration changed there and nowhere else. A driver
    /// may read just those; the planner compares just those. Resources not listed are read whole.
    public var fieldScopes: [ResourceAddress: Set<String>] = [:]
    /// Addresses whose details (``Observations/details``) other resources read (``DesiredResource/reads``):
    /// a driver reports them for these even where it otherwise would not.
    public internal(set) var detailsWanted: Set<ResourceAddress> = []
    /// When set, a driver that can tell what happened to its live objects in this window (a container
    /// that exited on its own) reports it in ``Observations/details``: see ``PlanOptions/activity``.
    public internal(set) var activity: ActivityWindow?
    /// What this driver's ``Driver/readAhead(context:)`` began in this plan, in the context its observe gets; nil
    /// everywhere else.
    public internal(set) var readAhead: ReadAhead?

    public init(state: DesiredState, inventory: Inventory, secrets: SecretResolver, logger: Logger,
                fingerprintKey: String? = nil, store: (any StateStore)? = nil, lock: (any StateLock)? = nil,
                adopt: Set<ResourceAddress> = []) {
        self.adopt = adopt
        self.store = store
        self.lock = lock
        self.state = state
        self.inventory = inventory
        self.secrets = secrets
        self.fingerprintKey = inventory.fingerprintKey ?? fingerprintKey ?? Fingerprinter.newKey()
        self.fingerprinter = Fingerprinter(key: self.fingerprintKey)
        self.logger = logger
    }

    /// The fleet-wide settings: where the live systems are, the project's name for ownership markers.
    public var project: Project { state.project }

    /// The git commit the configuration was read at.
    public var revision: String? { state.revision }

    /// This context for a driver serving `kinds`: it reads only their declarations.
    public func serving(_ kinds: Set<ResourceKind>) -> DriverContext {
        var scoped = self
        scoped.kinds = kinds
        return scoped
    }

    /// Every declared resource of one of the driver's own kinds, by name.
    public func declared<R: DeclaredResource>(_ type: R.Type) -> [R] {
        precondition(kinds?.contains(R.kind) ?? true, "a driver reads only its own kinds' declarations, not \(R.kind)'s")
        return state.all(R.self)
    }

    /// The declared resource of one of the driver's own kinds named `name`.
    public func declared<R: DeclaredResource>(_ type: R.Type, named name: String) -> R? {
        precondition(kinds?.contains(R.kind) ?? true, "a driver reads only its own kinds' declarations, not \(R.kind)'s")
        return state.resource(R.self, named: name)
    }

    /// Whether the field at `path` of `address` is to be read: always, unless a field scope leaves
    /// it out. A path reads when it holds a scoped field or lies within one.
    public func reads(_ path: String, of address: ResourceAddress) -> Bool {
        guard let scope = fieldScopes[address] else { return true }
        return scope.contains { FieldChange.path($0, isWithin: path) || FieldChange.path(path, isWithin: $0) }
    }

    /// Resolves a secret, turning a failure into a ``ResourceError`` at the reference's location.
    public func resolve(_ reference: SecretReference, for address: ResourceAddress) throws(ResourceError) -> String {
        do {
            return try secrets.resolve(reference)
        } catch {
            throw ResourceError(address: address, code: .secretUnavailable, message: error.message,
                                location: reference.location)
        }
    }

    /// The bytes of a file the configuration names (a photo to upload), provided they are still what
    /// validation saw; a file edited since fails the resource with a request to plan again.
    public func bytes(of asset: ConfigAsset, for address: ResourceAddress, at location: SourceLocation?) throws(ResourceError) -> [UInt8] {
        do {
            return try state.assets.bytes(of: asset)
        } catch {
            throw ResourceError(address: address, code: .applyFailed, message: error.message, location: location)
        }
    }
}

import Spec

/// Connects the engine to one live system (Telegram, Docker, Postgres).
///
/// The engine asks a driver for the canonical form of what is declared, for what is live at a set
/// of addresses, and to carry out planned changes. The diff between the two is the engine's:
/// drivers make both sides canonical (defaults filled in) so a converged system diffs to nothing.
/// See docs/architecture.md for the whole contract.
public protocol Driver: Sendable {
    /// A short name for messages (`telegram`).
    var name: String { get }
    /// The kinds this driver manages.
    var kinds: Set<ResourceKind> { get }

    /// The declared resources of this driver's kinds in canonical form. May resolve secrets that
    /// must be fingerprinted to be compared; a resource whose secret cannot be read is a failure
    /// in the set, and the others are still returned.
    func desired(in context: DriverContext) -> DesiredSet

    /// Reads the live objects at `addresses` (declared ones and owned ones), plus the live objects
    /// carrying botops' marker that are not among them (``Observations/orphans``). An address that
    /// cannot be read is a failure, never `absent`. Called concurrently with other drivers' reads.
    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async -> Observations

    /// Starts reading what ``observe(_:desired:context:)`` will need that does not depend on the declarations
    /// (a database's tables), so that it runs while they are worked out; observe finds it in
    /// ``DriverContext/readAhead``. The planner asks for it once, at the start of a full plan (never a targeted
    /// one), and only of a driver that owns something: it then calls observe for certain, and reading early is
    /// no contact the plan would not have made. Observe must give the same answer with it as without. The context
    /// is the plan's before the planner has filled in what it works out from the declarations
    /// (``DriverContext/detailsWanted``, ``DriverContext/activity``, ``DriverContext/fieldScopes``): a read that
    /// needs those is not one to begin ahead. The default reads nothing ahead.
    func readAhead(context: DriverContext) -> ReadAhead?

    /// Completes the value of a resource that reads others (``DesiredResource/reads``) from their live
    /// details, by address; an address that could not be read is absent, and what it would have given
    /// is then left out of the value, so it is neither compared nor written. The default changes nothing.
    func complete(_ resource: DesiredResource, reading details: [ResourceAddress: JSONValue]) -> DesiredResource

    /// A changed field in words a user of the live system knows (`privacy mode off`), or nil.
    func describe(_ field: FieldChange, of address: ResourceAddress) -> String?

    /// Field paths (or path prefixes) whose change cannot be made in place.
    func replaceTriggers(for kind: ResourceKind) -> Set<String>

    /// Field paths that only say whether botops owns the object (its marker): a replace that changes
    /// nothing else is an adoption, not a change. The default is none.
    func markerPaths(for kind: ResourceKind) -> Set<String>

    /// Whether a resource of `kind` that leaves git is only released, never deleted: botops stops
    /// managing it and leaves it as it is (a chat). The default is false: it is deleted (or kept when
    /// prune is off).
    func releasesOnRemoval(_ kind: ResourceKind) -> Bool

    /// The order of a replace of `address` whose `fields` change. The default is destroy first.
    func replaceOrder(for address: ResourceAddress, fields: [FieldChange], desired: DesiredResource) -> ReplaceOrder

    /// Carries out one change. Returns what the inventory should now hold for the address (nil to
    /// forget it) and how many write calls were made.
    func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome

    /// Carries out every change of one batch (all with one ``Change/batch`` key, all ready) in one
    /// go, and answers for each: a driver that writes them in one transaction fails them all when
    /// it rolls back. The default applies them one after another through `apply(_:context:)`.
    func apply(batch: [PendingChange], context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>]
}

extension Driver {
    public func readAhead(context: DriverContext) -> ReadAhead? { nil }

    public func complete(_ resource: DesiredResource, reading details: [ResourceAddress: JSONValue]) -> DesiredResource { resource }

    public func describe(_ field: FieldChange, of address: ResourceAddress) -> String? { nil }

    public func replaceTriggers(for kind: ResourceKind) -> Set<String> { [] }

    public func releasesOnRemoval(_ kind: ResourceKind) -> Bool { false }

    public func markerPaths(for kind: ResourceKind) -> Set<String> { [] }

    public func replaceOrder(for address: ResourceAddress, fields: [FieldChange], desired: DesiredResource) -> ReplaceOrder {
        .destroyBeforeCreate
    }

    public func apply(batch: [PendingChange], context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        var results: [ResourceAddress: Result<ApplyOutcome, ResourceError>] = [:]
        for change in batch {
            do throws(ResourceError) {
                results[change.address] = .success(try await apply(change, context: context))
            } catch {
                results[change.address] = .failure(error)
            }
        }
        return results
    }
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

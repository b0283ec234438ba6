import Reconciler
import Spec

/// A scriptable ``Driver``: the desired resources are given (the Spec kinds' contents are ignored),
/// the live side is a shared ``FakeFleet``. With `batches`, it applies a batch all or nothing, as a
/// driver writing one transaction would.
struct FakeDriver: Driver {
    let name: String
    let kinds: Set<ResourceKind>
    var resources: [DesiredResource]
    var failures: [ResourceError]
    var triggers: [ResourceKind: Set<String>]
    var order: ReplaceOrder
    var batches: Bool
    let fleet: FakeFleet
    /// What is declared at a revision, for targeted plans; `resources` at any other.
    var byRevision: [String: [DesiredResource]] = [:]
    /// Fields that only mark ownership (see ``Driver/markerPaths(for:)``).
    var markers: [ResourceKind: Set<String>] = [:]

    init(name: String = "fake", kinds: Set<ResourceKind> = [.bot, .webhook, .container],
         resources: [DesiredResource] = [], failures: [ResourceError] = [], triggers: [ResourceKind: Set<String>] = [:],
         order: ReplaceOrder = .destroyBeforeCreate, batches: Bool = false, fleet: FakeFleet) {
        self.name = name
        self.kinds = kinds
        self.resources = resources
        self.failures = failures
        self.triggers = triggers
        self.order = order
        self.batches = batches
        self.fleet = fleet
    }

    func desired(in context: DriverContext) -> DesiredSet {
        let declared = context.revision.flatMap { byRevision[$0] } ?? resources
        return DesiredSet(declared.filter { kinds.contains($0.address.kind) }, failures: failures)
    }

    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async -> Observations {
        await fleet.observe(addresses, by: name, kinds: kinds, owned: Set(context.inventory.resources.keys))
    }

    func replaceTriggers(for kind: ResourceKind) -> Set<String> { triggers[kind] ?? [] }

    func markerPaths(for kind: ResourceKind) -> Set<String> { markers[kind] ?? [] }

    func replaceOrder(for address: ResourceAddress, fields: [FieldChange], desired: DesiredResource) -> ReplaceOrder { order }

    func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        try await fleet.apply(change)
    }

    func apply(batch: [PendingChange], context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        guard batches else {
            var results: [ResourceAddress: Result<ApplyOutcome, ResourceError>] = [:]
            for change in batch {
                do throws(ResourceError) {
                    results[change.address] = .success(try await fleet.apply(change))
                } catch {
                    results[change.address] = .failure(error)
                }
            }
            return results
        }
        return await fleet.applyTransaction(batch)
    }
}

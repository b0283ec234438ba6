import Reconciler
import Spec

/// A scriptable ``Driver``: the desired resources are given (the Spec kinds' contents are ignored),
/// the live side is a shared ``FakeFleet``.
struct FakeDriver: Driver {
    let name: String
    let kinds: Set<ResourceKind>
    var resources: [DesiredResource]
    var triggers: [ResourceKind: Set<String>]
    let fleet: FakeFleet

    init(name: String = "fake", kinds: Set<ResourceKind> = [.bot, .webhook, .container],
         resources: [DesiredResource] = [], triggers: [ResourceKind: Set<String>] = [:], fleet: FakeFleet) {
        self.name = name
        self.kinds = kinds
        self.resources = resources
        self.triggers = triggers
        self.fleet = fleet
    }

    func desired(in context: DriverContext) throws(ResourceErrors) -> [DesiredResource] {
        resources.filter { kinds.contains($0.address.kind) }
    }

    func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                 context: DriverContext) async throws(ResourceErrors) -> [ResourceAddress: Observation] {
        try await fleet.observe(addresses, by: name)
    }

    func replaceTriggers(for kind: ResourceKind) -> Set<String> { triggers[kind] ?? [] }

    func apply(_ change: Change, desired: DesiredResource?, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        try await fleet.apply(change, desired: desired)
    }
}

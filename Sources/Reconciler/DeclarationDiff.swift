import Spec

/// The resources a targeted plan reads: those declared differently in two desired states (added,
/// removed, changed, or not preparable in either), and everything that depends on one of them,
/// through the new declarations and through what the inventory recorded.
///
/// Declarations are compared in the drivers' canonical form, so a change to a Project default that
/// alters every bot targets every bot, and a reformatted file targets nothing.
public struct DeclarationDiff: Sendable {
    /// What each driver declares at the baseline (the applied revision) and now.
    public let before: [DesiredSet]
    public let after: [DesiredSet]
    /// Added, removed, declared differently, or not preparable in either state.
    private let changed: Set<ResourceAddress>
    /// The resources declared in both states, but not alike: what each was and is.
    private let differing: [(was: DesiredResource, now: DesiredResource)]

    /// Compares the two once: each resource's declarations are compared a single time (for a push in a fleet
    /// of 1,000 bots that is most of the work, since nearly all are alike and so compared to the end).
    public init(before: [DesiredSet], after: [DesiredSet]) {
        self.before = before
        self.after = after
        var changed: Set<ResourceAddress> = []
        var differing: [(was: DesiredResource, now: DesiredResource)] = []
        for (old, new) in zip(before, after) {
            let oldByAddress = Dictionary(old.resources.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            let newByAddress = Dictionary(new.resources.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            changed.formUnion(old.failures.map(\.address))
            changed.formUnion(new.failures.map(\.address))
            for address in Set(oldByAddress.keys).union(newByAddress.keys) {
                guard let was = oldByAddress[address], let now = newByAddress[address] else {
                    changed.insert(address)
                    continue
                }
                if was.sameDeclaration(as: now) { continue }
                changed.insert(address)
                differing.append((was, now))
            }
        }
        self.changed = changed
        self.differing = differing
    }

    /// The addresses to read and plan.
    public func targets(inventory: Inventory) -> Set<ResourceAddress> {
        var dependents: [ResourceAddress: Set<ResourceAddress>] = [:]
        for set in after {
            for resource in set.resources {
                for dependency in resource.dependsOn { dependents[dependency, default: []].insert(resource.address) }
            }
        }
        for entry in inventory.resources.values {
            for dependency in entry.dependsOn { dependents[dependency, default: []].insert(entry.address) }
        }
        var targets = changed
        var frontier = Array(changed)
        while let next = frontier.popLast() {
            for dependent in dependents[next, default: []] {
                if targets.insert(dependent).inserted { frontier.append(dependent) }
            }
        }
        return targets
    }
}

extension DeclarationDiff {
    /// For each resource declared in both states that differs in its value alone: the value's paths
    /// that differ. A targeted plan reads and compares only those fields of it (see
    /// ``DriverContext/fieldScopes``); the next full pass checks the rest. Resources added, removed,
    /// or changed in anything but their value (a dependency, a secret reference) are read whole.
    ///
    /// Only resources the inventory owns are scoped: one botops has yet to take over is compared whole.
    public func changedFields(inventory: Inventory) -> [ResourceAddress: Set<String>] {
        var scopes: [ResourceAddress: Set<String>] = [:]
        for (was, now) in differing {
            guard inventory.resources[now.address] != nil, was.value != now.value,
                  was.sensitivePaths == now.sensitivePaths, was.dependsOn == now.dependsOn, was.lane == now.lane,
                  was.batch == now.batch, was.attributes == now.attributes else { continue }
            let paths = ValueDiffer.changes(before: was.value, after: now.value).map(\.path)
            if !paths.isEmpty { scopes[now.address] = Set(paths) }
        }
        return scopes
    }
}

extension DesiredResource {
    /// Declared alike: the same canonical value, secrets, dependencies and bookkeeping. The source
    /// location is not compared, so moving a document between files changes nothing.
    func sameDeclaration(as other: DesiredResource) -> Bool {
        value == other.value && sensitivePaths == other.sensitivePaths && dependsOn == other.dependsOn
            && lane == other.lane && batch == other.batch && attributes == other.attributes
    }
}

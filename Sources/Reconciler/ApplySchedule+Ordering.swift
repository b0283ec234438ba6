import Spec

extension ApplySchedule {
    /// For each change, the changes that must finish first: a create or update waits for what it
    /// depends on; a delete waits for the deletion of everything that depended on it.
    static func ordering(_ changes: [Change]) -> [ResourceAddress: Set<ResourceAddress>] {
        let actions = Dictionary(changes.map { ($0.address, $0.action) }, uniquingKeysWith: { first, _ in first })
        var waits: [ResourceAddress: Set<ResourceAddress>] = [:]
        for change in changes {
            for dependency in change.dependsOn {
                guard let dependencyAction = actions[dependency] else { continue }
                if change.action == .delete {
                    if dependencyAction == .delete { waits[dependency, default: []].insert(change.address) }
                } else if dependencyAction != .delete {
                    waits[change.address, default: []].insert(dependency)
                }
            }
        }
        return waits
    }

    /// What a unit waits for outside itself.
    static func externalWaits(_ unit: Unit, waitsFor: [ResourceAddress: Set<ResourceAddress>]) -> Set<ResourceAddress> {
        let members = Set(unit.changes.map(\.address))
        return unit.changes.reduce(into: Set<ResourceAddress>()) { $0.formUnion(waitsFor[$1.address, default: []]) }
            .subtracting(members)
    }

    /// A change that ran and did not succeed, or never ran.
    static func didNotApply(_ outcome: ApplyReport.Outcome?) -> Bool {
        guard let outcome else { return false }
        if case .applied = outcome { return false }
        return true
    }

    /// The changes of a unit that wait, directly or through another of its changes, for one that
    /// did not apply, each with what it waits for.
    static func blocked(_ changes: [Change], waitsFor: [ResourceAddress: Set<ResourceAddress>],
                        outcomes: [ResourceAddress: ApplyReport.Outcome]) -> [ResourceAddress: ResourceAddress] {
        var blocked: [ResourceAddress: ResourceAddress] = [:]
        var grew = true
        while grew {
            grew = false
            for change in changes where blocked[change.address] == nil {
                if let blocker = waitsFor[change.address, default: []].sorted().first(where: {
                    didNotApply(outcomes[$0]) || blocked[$0] != nil
                }) {
                    blocked[change.address] = blocker
                    grew = true
                }
            }
        }
        return blocked
    }
}

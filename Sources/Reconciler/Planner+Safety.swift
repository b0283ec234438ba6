import Foundation
import Spec

extension Planner {
    /// Takes out of the plan every change tied to an unknown resource: one that depends on it, and a
    /// deletion of one it depends on; repeated until nothing more is tied.
    func holdBack(_ changes: [Change], unknown: [ResourceError],
                  unknownDependsOn: [ResourceAddress: [ResourceAddress]]) -> ([Change], [ResourceError]) {
        var unknownSet = Set(unknown.map(\.address))
        var dependsOn = unknownDependsOn
        var kept = changes
        var held: [ResourceError] = []
        var progressed = !unknownSet.isEmpty
        while progressed {
            progressed = false
            var remaining: [Change] = []
            for change in kept {
                let blocker = change.dependsOn.first(where: unknownSet.contains).map { ($0, "depends on \($0), which") }
                    ?? (change.action == .noOp ? nil : dependsOn.first { $0.value.contains(change.address) && change.destroysFirst }
                        .map { ($0.key, "\($0.key), which depends on it,") })
                guard let (address, phrase) = blocker else {
                    remaining.append(change)
                    continue
                }
                held.append(ResourceError(address: change.address, code: .heldBack,
                    message: "held back: \(phrase) could not be read (\(address) is unknown this run)"))
                unknownSet.insert(change.address)
                dependsOn[change.address] = change.dependsOn
                progressed = true
            }
            kept = remaining
        }
        return (kept, held)
    }

    func refusals(_ changes: [Change], unknown: [ResourceError], context: DriverContext, options: PlanOptions,
                          declaredCount: Int) -> [Refusal] {
        var refusals: [Refusal] = []
        let deletes = changes.count(where: \.destroysFirst)
        let limit = options.allowDeletes ?? context.state.project.maxDeletes
        if deletes > limit {
            refusals.append(Refusal(.tooManyDeletes,
                "the plan deletes \(deletes) resource\(deletes == 1 ? "" : "s"), more than the limit of \(limit) "
                + "(maxDeletes in the Project); if that is intended, run again with --allow-deletes \(deletes)"))
        }
        if declaredCount == 0, !context.inventory.resources.isEmpty, !options.allowEmpty {
            refusals.append(Refusal(.emptyConfiguration,
                "the configuration declares no resources while botops owns \(context.inventory.resources.count); "
                + "this looks like a wrong folder or revision; if you really mean to remove everything, run again with --allow-empty"))
        }
        if !unknown.isEmpty, !options.allowPartial {
            refusals.append(Refusal(.partial,
                "\(unknown.count) resource\(unknown.count == 1 ? "" : "s") could not be read or \(unknown.count == 1 ? "was" : "were") held back, "
                + "so the plan is partial; fix what is listed, or run again with --allow-partial to apply the rest"))
        }
        return refusals
    }
}

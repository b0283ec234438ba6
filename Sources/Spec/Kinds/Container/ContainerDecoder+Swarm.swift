import Foundation

extension ContainerDecoder {
    /// The swarm-only fields: `replicas`, `placement`, `update`, `rollback`, `publishMode`. Whether the engine is a swarm is
    /// known only with the Project, so the kind's check decides whether they may be there.
    func readSwarm(into container: inout Container) {
        var service = SwarmService()
        var written = false
        for key in ["replicas", "placement", "update", "rollback", "publishMode"] where spec.has(key) {
            container.swarmFieldLocations[key] = spec.keyLocation(key)
            written = true
        }
        if let replicas = spec.int("replicas") {
            if (0...10_000).contains(replicas) {
                service.replicas = replicas
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("replicas"),
                                   "'spec.replicas' must be from 0 to 10000, not \(replicas)")
            }
        }
        if let placement = spec.mapping("placement") {
            placement.rejectUnknownKeys(["constraints", "spreadOver", "maxReplicasPerNode"])
            service.constraints = placement.stringList("constraints") ?? []
            service.spreadOver = placement.stringList("spreadOver") ?? []
            if let most = placement.int("maxReplicasPerNode") {
                if most >= 1 {
                    service.maxReplicasPerNode = most
                } else {
                    context.sink.error(.invalidValue, at: placement.valueLocation("maxReplicasPerNode"),
                                       "'\(placement.childPath("maxReplicasPerNode"))' must be 1 or more, not \(most)")
                }
            }
        }
        if let mode = spec.oneOf("publishMode", SwarmService.PublishMode.allCases.map(\.rawValue)) {
            service.publishMode = SwarmService.PublishMode(rawValue: mode) ?? service.publishMode
        }
        if let update = spec.mapping("update") { service.update = readRollout(update, rollback: false) }
        if let rollback = spec.mapping("rollback") { service.rollback = readRollout(rollback, rollback: true) }
        if written { container.swarm = service }
    }

    private func readRollout(_ reader: MappingReader, rollback: Bool) -> SwarmService.Rollout {
        reader.rejectUnknownKeys(["parallelism", "delay", "order", "failureAction", "monitor"])
        var rollout = rollback ? SwarmService.defaultRollback : SwarmService.Rollout()
        if let parallelism = reader.int("parallelism") {
            if parallelism >= 0 {
                rollout.parallelism = parallelism
            } else {
                context.sink.error(.invalidValue, at: reader.valueLocation("parallelism"),
                                   "'\(reader.childPath("parallelism"))' must be 0 (all at once) or more, not \(parallelism)")
            }
        }
        if let order = reader.oneOf("order", SwarmService.Rollout.Order.allCases.map(\.rawValue)) {
            rollout.order = SwarmService.Rollout.Order(rawValue: order) ?? rollout.order
        }
        // A rollback that fails cannot roll back again: Docker takes pause or continue there.
        let actions = SwarmService.Rollout.FailureAction.allCases.filter { !rollback || $0 != .rollback }
        if let action = reader.oneOf("failureAction", actions.map(\.rawValue)) {
            rollout.failureAction = SwarmService.Rollout.FailureAction(rawValue: action) ?? rollout.failureAction
        }
        for key in ["delay", "monitor"] {
            guard let text = reader.string(key) else { continue }
            guard let milliseconds = text == "0" || text == "0s" ? 0 : SpecSyntax.milliseconds(ofDuration: text),
                  milliseconds <= 86_400_000 else {
                context.sink.error(.invalidValue, at: reader.valueLocation(key),
                                   "'\(reader.childPath(key))' must be a duration such as 10s or 1m (at most 24h), not '\(text)'")
                continue
            }
            if key == "delay" { rollout.delayMilliseconds = milliseconds } else { rollout.monitorMilliseconds = milliseconds }
        }
        return rollout
    }
}

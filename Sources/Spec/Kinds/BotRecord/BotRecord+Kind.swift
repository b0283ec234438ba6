extension ResourceKind {
    /// A Bot's row in the registry botops keeps in Postgres for panels and workers; derived from the
    /// Bot, never declared in YAML.
    public static let botRecord = ResourceKind("BotRecord", rank: 60)
}

extension KindSpec {
    /// One registry row per Bot, where the Project has a database (a bots-only fleet needs none).
    public static let botRecord = KindSpec(derived: .botRecord) { state in
        guard state.project.postgresURL != nil else { return [] }
        // By bot, once: a fleet of thousands must not search every webhook and container per bot.
        let webhooks = Dictionary(state.webhooks.map { ($0.bot, $0) }, uniquingKeysWith: { first, _ in first })
        var containers: [String: Container] = [:]
        for container in state.containers {
            for dependency in container.metadata.dependsOn where dependency.kind == .bot && containers[dependency.name] == nil {
                containers[dependency.name] = container
            }
        }
        return state.bots.map { bot in
            let webhook = webhooks[bot.metadata.name]
            let container = containers[bot.metadata.name]
            return BotRecord(metadata: ResourceMetadata(name: bot.metadata.name, location: bot.metadata.location), token: bot.token,
                             webhook: webhook.map { ($0.metadata.name, $0.url) },
                             container: container.map { ($0.metadata.name, $0.engine) })
        }
    }
}

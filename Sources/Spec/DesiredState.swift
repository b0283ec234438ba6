/// The whole validated configuration: what botops makes the live systems look like.
public struct DesiredState: Sendable, Hashable {
    public var project: Project
    public var bots: [Bot]
    public var webhooks: [Webhook]
    public var containers: [Container]
    public var schedules: [Schedule]
    public var boosters: [Booster]
    /// The git commit the configuration was read at, when read from git.
    public var revision: String?

    public init(project: Project, bots: [Bot] = [], webhooks: [Webhook] = [], containers: [Container] = [],
                schedules: [Schedule] = [], boosters: [Booster] = [], revision: String? = nil) {
        self.project = project
        self.bots = bots
        self.webhooks = webhooks
        self.containers = containers
        self.schedules = schedules
        self.boosters = boosters
        self.revision = revision
    }

    public func bot(named name: String) -> Bot? { bots.first { $0.metadata.name == name } }

    /// The webhook of a bot, if it has one (validation allows at most one).
    public func webhook(forBot name: String) -> Webhook? { webhooks.first { $0.bot == name } }

    /// The metadata of every resource except the Project, by address.
    public var resources: [ResourceAddress: ResourceMetadata] {
        var all: [ResourceAddress: ResourceMetadata] = [:]
        for bot in bots { all[ResourceAddress(.bot, bot.metadata.name)] = bot.metadata }
        for webhook in webhooks { all[ResourceAddress(.webhook, webhook.metadata.name)] = webhook.metadata }
        for container in containers { all[ResourceAddress(.container, container.metadata.name)] = container.metadata }
        for schedule in schedules { all[ResourceAddress(.schedule, schedule.metadata.name)] = schedule.metadata }
        for booster in boosters { all[ResourceAddress(.booster, booster.metadata.name)] = booster.metadata }
        return all
    }

    /// What each resource must wait for: its explicit `dependsOn` plus the bot it references.
    public var dependencies: [ResourceAddress: Set<ResourceAddress>] {
        var edges: [ResourceAddress: Set<ResourceAddress>] = [:]
        for (address, metadata) in resources {
            edges[address, default: []].formUnion(metadata.dependsOn)
        }
        for webhook in webhooks {
            edges[ResourceAddress(.webhook, webhook.metadata.name), default: []].insert(ResourceAddress(.bot, webhook.bot))
        }
        for schedule in schedules {
            if let bot = schedule.bot {
                edges[ResourceAddress(.schedule, schedule.metadata.name), default: []].insert(ResourceAddress(.bot, bot))
            }
        }
        for booster in boosters {
            if let bot = booster.bot {
                edges[ResourceAddress(.booster, booster.metadata.name), default: []].insert(ResourceAddress(.bot, bot))
            }
        }
        return edges
    }
}

/// A Bot's row in the registry botops keeps in Postgres for panels and workers: how the bot gets its
/// updates and which container runs it. Made by the loader from the Bot, its Webhook and the first
/// Container that depends on it, and only where the Project has a database.
public struct BotRecord: DeclaredResource {
    public static var kind: ResourceKind { .botRecord }
    public static var isDerived: Bool { true }

    /// The Bot's name and place.
    public var metadata: ResourceMetadata
    /// The Bot's token, whose number before the colon is the bot's public Telegram id.
    public var token: SecretReference
    /// The Bot's webhook, if it has one (else it polls).
    public var webhook: (name: String, url: String)?
    /// The first Container that depends on the Bot, and its engine.
    public var container: (name: String, engine: String)?

    public var references: [SpecReference] {
        [SpecReference(ResourceAddress(.bot, metadata.name), key: "bot")]
            + (webhook.map { [SpecReference(ResourceAddress(.webhook, $0.name), key: "webhook")] } ?? [])
    }

    public static func == (lhs: BotRecord, rhs: BotRecord) -> Bool {
        lhs.metadata == rhs.metadata && lhs.token == rhs.token && lhs.webhook?.name == rhs.webhook?.name
            && lhs.webhook?.url == rhs.webhook?.url && lhs.container?.name == rhs.container?.name
            && lhs.container?.engine == rhs.container?.engine
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(metadata)
        hasher.combine(token)
        hasher.combine(webhook?.name)
        hasher.combine(webhook?.url)
        hasher.combine(container?.name)
    }
}

extension ResourceKind {
    public static let webhook = ResourceKind("Webhook", rank: 20)
}

extension Webhook: DeclaredResource {
    public static var kind: ResourceKind { .webhook }
    public var references: [SpecReference] { [SpecReference(ResourceAddress(.bot, bot), key: "bot")] }
}

extension KindSpec {
    /// Where Telegram delivers a bot's updates; a bot has at most one.
    public static let webhook = KindSpec(kind: .webhook, referenceKeys: ["bot"],
        read: { spec, metadata in WebhookDecoder(spec: spec, metadata: metadata).decode() },
        check: { resources, context in
            var webhookOfBot: [String: SourceLocation] = [:]
            for case let webhook as Webhook in resources {
                if let first = webhookOfBot[webhook.bot] {
                    context.error(.duplicate, at: webhook.metadata.location,
                        "Bot/\(webhook.bot) already has a webhook at \(first); a bot has at most one")
                } else {
                    webhookOfBot[webhook.bot] = webhook.metadata.location
                }
            }
        })
}

extension DesiredState {
    public var webhooks: [Webhook] { all(Webhook.self) }

    /// The webhook of a bot, if it has one (validation allows at most one).
    public func webhook(forBot name: String) -> Webhook? { webhooks.first { $0.bot == name } }
}

extension ResourceKind {
    public static let bot = ResourceKind("Bot", rank: 10)
}

extension Bot: DeclaredResource {
    public static var kind: ResourceKind { .bot }
}

extension KindSpec {
    /// A Telegram bot; each has its own token.
    public static let bot = KindSpec(kind: .bot,
        read: { spec, metadata in BotDecoder(spec: spec, metadata: metadata).decode() },
        check: { resources, context in
            var botOfToken: [SecretReference.Origin: String] = [:]
            for case let bot as Bot in resources {
                if let other = botOfToken[bot.token.origin] {
                    context.error(.duplicate, at: bot.token.location,
                        "Bot/\(bot.metadata.name) uses the same token (\(bot.token)) as Bot/\(other); each bot has its own token")
                } else {
                    botOfToken[bot.token.origin] = bot.metadata.name
                }
            }
        })
}

extension DesiredState {
    public var bots: [Bot] { all(Bot.self) }

    public func bot(named name: String) -> Bot? { resource(Bot.self, named: name) }
}

extension ResourceKind {
    public static let channel = ResourceKind("Channel", rank: 25)
}

extension Channel: DeclaredResource {
    public static var kind: ResourceKind { .channel }
    public var references: [SpecReference] { [SpecReference(ResourceAddress(.bot, bot), key: "bot")] }
}

extension KindSpec {
    /// A channel or group the fleet posts into, administered by one of its bots.
    public static let channel = KindSpec(kind: .channel, referenceKeys: ["bot"],
        read: { spec, metadata in ChannelDecoder(spec: spec, metadata: metadata).decode() },
        check: { resources, context in
            var channelOfChat: [String: String] = [:]
            for case let channel as Channel in resources {
                let chat = channel.chat.description.lowercased()
                if let other = channelOfChat[chat] {
                    context.error(.duplicate, at: channel.metadata.location,
                        "Channel/\(channel.metadata.name) declares \(channel.chat) as Channel/\(other) does; declare each chat once")
                } else {
                    channelOfChat[chat] = channel.metadata.name
                }
            }
            let channels = resources.compactMap { $0 as? Channel }
            checkBoosters(context, channels: channels)
            checkSchedules(context, channels: channels)
        })

    /// A Schedule's `args.channel` is where its posts go: once Channels are declared it should be one of them,
    /// or nobody checks that its bot may still post there.
    private static func checkSchedules(_ context: KindCheckContext, channels: [Channel]) {
        let declared = Set(channels.map { $0.chat.description.lowercased() })
        for schedule in context.resources(Schedule.self) {
            guard let chat = schedule.channel, !declared.contains(chat.description.lowercased()) else { continue }
            let known = channels.map(\.chat.description).sorted()
            context.warning(.danglingReference, at: schedule.channelLocation,
                "Schedule/\(schedule.metadata.name) posts to \(chat), which no Channel declares (declared: "
                + "\(known.joined(separator: ", "))); declare it so the bot's rights there are checked, or fix the chat"
                + Suggestion.phrase(for: chat.description, in: known))
        }
    }

    /// A Booster works in a chat: once Channels are declared, one it names should be among them (a typo
    /// or a chat nobody checks the bot's rights in), and its bot should be the bot of that Channel.
    private static func checkBoosters(_ context: KindCheckContext, channels: [Channel]) {
        let byChat = Dictionary(channels.map { ($0.chat.description.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        for booster in context.resources(Booster.self) {
            let location = booster.metadata.referenceLocations["channel"] ?? booster.metadata.location
            guard let channel = byChat[booster.channel.description.lowercased()] else {
                let known = channels.map(\.chat.description).sorted()
                context.warning(.danglingReference, at: location,
                    "Booster/\(booster.metadata.name) works in \(booster.channel), which no Channel declares (declared: "
                    + "\(known.joined(separator: ", "))); declare it so the bot's rights there are checked, or fix the chat"
                    + Suggestion.phrase(for: booster.channel.description, in: known))
                continue
            }
            if let bot = booster.bot, bot != channel.bot {
                context.error(.invalidValue, at: booster.metadata.referenceLocations["bot"] ?? location,
                    "Booster/\(booster.metadata.name) names Bot/\(bot), but \(booster.channel) is administered by Bot/\(channel.bot) "
                    + "(Channel/\(channel.metadata.name)); name that bot")
            }
        }
    }
}

extension DesiredState {
    public var channels: [Channel] { all(Channel.self) }

    public func channel(named name: String) -> Channel? { resource(Channel.self, named: name) }
}

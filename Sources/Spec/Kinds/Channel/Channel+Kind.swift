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
        })
}

extension DesiredState {
    public var channels: [Channel] { all(Channel.self) }

    public func channel(named name: String) -> Channel? { resource(Channel.self, named: name) }
}

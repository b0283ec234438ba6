/// A Channel's row in Postgres for publishing and boosting workers: where each bot may post, and the
/// rights it lacks there, so a worker skips a channel it would fail in. Made by the loader from each
/// Channel, and only where the Project has a database; what Telegram reports (the chat's id, type,
/// title, the rights missing) comes from the Channel's observation, never from Postgres calling Telegram.
public struct ChannelRecord: DeclaredResource, Hashable, Codable {
    public static var kind: ResourceKind { .channelRecord }
    public static var isDerived: Bool { true }

    /// The Channel's name and place.
    public var metadata: ResourceMetadata
    /// The chat as written.
    public var chat: ChatReference
    public var bot: String
    /// The rights the Channel declares its bot must hold (snake_case, Telegram's order).
    public var rightsDeclared: [String]
    /// The title the Channel writes, if it does: what the chat's title is once the run has applied it,
    /// whereas the one read before may be about to change.
    public var title: String?

    public var references: [SpecReference] { [SpecReference(ResourceAddress(.channel, metadata.name), key: "channel")] }
}

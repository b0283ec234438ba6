extension Schedule {
    /// The `args` key workers read as the chat a task posts into, by the fleet's convention.
    public static let channelArgument = "channel"

    /// The chat `args.channel` names, as written: a number or a quoted number is an id, an `@name` a username.
    /// Nil when the key is absent or holds something that cannot name a chat (the worker's business, not ours).
    public var channel: ChatReference? {
        switch args[Self.channelArgument] {
        case let .int(id)?: return .id(Int64(id))
        case let .string(text)?:
            if let id = SpecSyntax.quotedChatID(text) { return .id(id) }
            return text.hasPrefix("@") ? .username(text) : nil
        default: return nil
        }
    }

    /// Where `args.channel` is written, or the document when it was not read from a file.
    var channelLocation: SourceLocation {
        metadata.referenceLocations["args.\(Self.channelArgument)"] ?? metadata.location
    }
}

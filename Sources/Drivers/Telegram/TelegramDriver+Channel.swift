import Reconciler
import Spec

/// Channels: the face git writes (title, description, photo, member permissions) kept by the chat's bot,
/// and the rights that bot must hold there, checked on every read and reported, never set.
extension TelegramDriver {
    func desiredChannel(_ channel: Channel, bot: Bot) -> DesiredResource {
        var value: [String: JSONValue] = [:]
        if let title = channel.title { value["title"] = .string(title) }
        if let description = channel.description { value["description"] = .string(description) }
        if let photo = channel.photo { value["photo"] = Self.photoValue(photo) }
        if let permissions = channel.memberPermissions { value["permissions"] = ChannelValues.permissions(permissions) }
        var attributes: [String: JSONValue] = [
            "bot": .string(bot.metadata.name), "token": TelegramValues.referenceJSON(bot.token),
            "chat": .string(channel.chat.description),
            "managed": .array(value.keys.sorted().map(JSONValue.string)),
            "rights": .array(ChannelValues.requiredRights(channel).map(JSONValue.string)),
        ]
        if let type = channel.type { attributes["type"] = .string(type.rawValue) }
        return DesiredResource(
            address: channel.address, value: .object(value),
            dependsOn: Array(Set(channel.metadata.dependsOn + [bot.address])).sorted(),
            lane: TelegramDriver.lane(bot: bot.metadata.name), attributes: attributes, location: channel.metadata.location,
            input: ChannelInput(token: bot.token, chat: channel.chat, photo: channel.photo))
    }

    /// What one read of a Channel found: its value, the rights its bot lacks, and its details.
    struct ChannelReading {
        var value: JSONValue
        var status: LiveStatus?
        var details: JSONValue
    }

    /// Reads a declared Channel with `getChat` and `getChatMember` for its bot. A chat that cannot be
    /// found, where the bot is not a member, or of a type its spec rules out is a failure of this Channel only.
    func readChannel(_ session: BotSession, address: ResourceAddress, desired: DesiredResource,
                     owned: InventoryEntry?) async throws(ResourceError) -> ChannelReading {
        guard let input = desired.input(as: ChannelInput.self), let botID = session.botID else {
            throw ResourceError(address: address, code: .readFailed, message: "the Channel's desired resource lacks its chat")
        }
        let chatID = ChannelValues.chatID(input.chat)
        let chat = try await channelCall(session, "getChat", ["chat_id": chatID], chat: input.chat, address: address, at: desired.location)
        let type = chat["type"]?.stringValue ?? "private"
        if let declared = desired.attributes["type"]?.stringValue, declared != type {
            throw ResourceError(address: address, code: .readFailed,
                message: "\(input.chat) is a \(type), but the Channel's spec makes it a \(declared); correct 'spec.type' or the rights",
                location: desired.location)
        }
        guard ChatType(rawValue: type) != nil else {
            throw ResourceError(address: address, code: .readFailed,
                message: "\(input.chat) is a private chat, not a channel or a group", location: desired.location)
        }
        let member: JSONValue
        switch try await session.chatCall("getChatMember", ["chat_id": chatID, "user_id": .int(Int(botID))]) {
        case let .success(found): member = found
        // What a channel answers a bot that is no administrator there, even about itself: it holds no right.
        case .failure(let refused) where refused.refusal == .memberListInaccessible: member = .object(["status": "member"])
        case let .failure(refused): throw Self.refusal(refused, chat: input.chat, address: address, at: desired.location)
        }
        if ["left", "kicked"].contains(member["status"]?.stringValue ?? "left") {
            throw ResourceError(address: address, code: .readFailed,
                message: "the bot is not a member of \(input.chat); an owner must add it (as an administrator) first",
                location: desired.location)
        }
        let required = desired.attributes["rights"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let missing = required.filter { !ChannelValues.heldRights(member).contains($0) }
        return ChannelReading(value: observedChannel(chat, desired: desired, owned: owned),
                              status: missing.isEmpty ? nil : Self.degraded(missing, chat: input.chat, bot: session.address),
                              details: .object(["chat_id": chat["id"] ?? .null, "username": chat["username"] ?? .null,
                                                "type": .string(type), "title": chat["title"] ?? .null,
                                                "missing_rights": .array(missing.map(JSONValue.string))]))
    }

    /// The fields git writes or wrote (to say it no longer does), as `getChat` reports them.
    private func observedChannel(_ chat: JSONValue, desired: DesiredResource, owned: InventoryEntry?) -> JSONValue {
        var fields = Set(desired.value.objectValue?.keys.map { $0 } ?? [])
        fields.formUnion(owned?.attributes["managed"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var value: [String: JSONValue] = [:]
        for field in fields {
            switch field {
            case "title": value["title"] = chat["title"] ?? ""
            case "description": value["description"] = chat["description"] ?? ""
            case "photo": value["photo"] = Self.observedChatPhoto(chat["photo"], uploaded: owned?.attributes[Self.uploadAttribute])
            case "permissions": value["permissions"] = ChannelValues.permissions(observed: chat["permissions"])
            default: break
            }
        }
        return .object(value)
    }

    /// A chat's photo in the terms of ``photoValue(_:)``: known by the big size's unique id botops recorded.
    static func observedChatPhoto(_ photo: JSONValue?, uploaded: JSONValue?) -> JSONValue {
        guard let unique = photo?["big_file_unique_id"]?.stringValue else { return "none" }
        if let uploaded, uploaded["fileUniqueID"]?.stringValue == unique, let value = uploaded["value"] { return value }
        return .string("\(foreignPhoto) (file_unique_id \(unique))")
    }

    /// "degraded: Bot/newsroom lacks Edit messages in @acme_newsroom; ask an owner ... to grant the bot Edit messages".
    static func degraded(_ missing: [String], chat: ChatReference, bot: ResourceAddress) -> LiveStatus {
        let rights = ChannelValues.list(missing.map(ChannelValues.words))
        return LiveStatus("degraded: \(bot) lacks \(rights) in \(chat); ask an owner of \(chat) to grant the bot \(rights)",
                          health: .degraded)
    }

    /// A call about one chat, its refusals told in the chat's terms.
    func channelCall(_ session: BotSession, _ method: String, _ parameters: [String: JSONValue], chat: ChatReference,
                     address: ResourceAddress, at location: SourceLocation?) async throws(ResourceError) -> JSONValue {
        switch try await session.chatCall(method, parameters) {
        case let .success(value): return value
        case let .failure(refused): throw Self.refusal(refused, chat: chat, address: address, at: location)
        }
    }

    static func refusal(_ refused: ChatRefusalError, chat: ChatReference, address: ResourceAddress,
                        at location: SourceLocation?) -> ResourceError {
        switch refused.refusal {
        case .notFound:
            // Telegram says the same whether the chat does not exist or the bot was never in it.
            return ResourceError(address: address, code: .readFailed,
                message: "\(chat) was not found: it does not exist, or the bot has never been a member; check the name and "
                    + "have an owner add the bot", location: location)
        case .notAMember, .memberListInaccessible:
            return ResourceError(address: address, code: .readFailed,
                message: "the bot is not a member of \(chat) (Telegram: \(refused.description)); an owner must add it "
                    + "(as an administrator)", location: location)
        }
    }
}

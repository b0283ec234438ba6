/// The chats of the sandbox and the Bot API methods about them. Chats are shared by every bot, so they
/// live beside the bots' own states; each call names the bot making it. The checks and texts are the
/// Bot API server's (Client::check_chat, and TDLib's DialogManager and ChatManager as the server passes
/// them on), in the order it makes them.
struct SandboxChats: Sendable {
    private(set) var chats: [SandboxChat]

    init(_ chats: [SandboxChat]) {
        self.chats = chats
    }

    /// Adds `chat`, or replaces the chat with its id.
    mutating func put(_ chat: SandboxChat) {
        var chat = chat
        if let index = chats.firstIndex(where: { $0.id == chat.id }) {
            chat.photoSerial = chats[index].photoSerial
            chat.photoUploads = chats[index].photoUploads
            chats[index] = chat
        } else {
            chats.append(chat)
        }
    }

    /// Sets one bot's place in the chat named `reference`; false when there is no such chat.
    mutating func setMember(_ reference: String, botID: String, _ member: SandboxChat.Member) -> Bool {
        guard let index = index(of: reference) else { return false }
        chats[index].members[botID] = member
        return true
    }

    private func index(of reference: String) -> Int? {
        let text = reference.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("@") {
            let name = text.dropFirst().lowercased()
            return chats.firstIndex { $0.username?.lowercased() == name }
        }
        guard let id = Int64(text), id != 0 else { return nil }
        return chats.firstIndex { $0.id == id }
    }

    enum Access { case read, write }

    /// `check_chat`: the chat, if the bot may reach it for `access`.
    private func chat(_ arguments: MethodArguments, botID: String, access: Access) throws(SandboxAPIError) -> Int {
        let reference = arguments["chat_id"]
        if reference.trimmingCharacters(in: .whitespaces).isEmpty { throw .badRequest("chat_id is empty") }
        guard let index = index(of: reference) else { throw .badRequest("chat not found") }
        let chat = chats[index]
        let status = chat.members[botID]?.status ?? "left"
        let place = chat.type == .group ? "group chat" : chat.type == .supergroup ? "supergroup chat" : "channel chat"
        if status == "kicked" { throw SandboxAPIError(code: 403, description: "Forbidden: bot was kicked from the \(place)") }
        // A public chat is readable by a bot that is not in it; a private one is not, and no chat is writable.
        if status == "left", access == .write || chat.username == nil {
            guard chat.members[botID] != nil || chat.username != nil else { throw .badRequest("chat not found") }
            throw SandboxAPIError(code: 403, description: "Forbidden: bot is not a member of the \(place)")
        }
        return index
    }

    /// Runs a chat method for the bot `botID` (whose username `username` shows in member entries).
    mutating func execute(_ method: TelegramMethod, _ arguments: MethodArguments, botID: String,
                          username: String) throws(SandboxAPIError) -> MethodResult {
        switch method {
        case .getChat:
            return MethodResult(chats[try chat(arguments, botID: botID, access: .read)].fullInfo)
        case .getChatMember:
            let user = MethodArguments.leadingInteger(arguments["user_id"])
            guard user > 0 else { throw .badRequest("invalid user_id specified") }
            let index = try chat(arguments, botID: botID, access: .read)
            let chat = chats[index]
            if chat.type == .channel, !["administrator", "creator"].contains(chat.members[botID]?.status ?? "") {
                throw .badRequest("member list is inaccessible")
            }
            guard String(user) == botID || chat.members[String(user)] != nil else { throw .badRequest("member not found") }
            return MethodResult(chat.memberJSON(botID: String(user), username: String(user) == botID ? username : "bot\(user)"))
        case .getChatAdministrators:
            let chat = chats[try chat(arguments, botID: botID, access: .read)]
            if chat.type == .channel, !["administrator", "creator"].contains(chat.members[botID]?.status ?? "") {
                throw .badRequest("member list is inaccessible")
            }
            // Bots are left out, as the Bot API server leaves them out unless asked; the sandbox knows no people.
            return MethodResult(.array([]))
        case .setChatTitle:
            return try setTitle(arguments, botID: botID)
        case .setChatDescription:
            return try setDescription(arguments, botID: botID)
        case .setChatPhoto, .deleteChatPhoto:
            return try setPhoto(arguments, botID: botID, deleting: method == .deleteChatPhoto)
        case .setChatPermissions:
            return try setPermissions(arguments, botID: botID)
        default:
            throw .notFound
        }
    }

    private mutating func setTitle(_ arguments: MethodArguments, botID: String) throws(SandboxAPIError) -> MethodResult {
        let title = String(arguments["title"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(128))
        let index = try chat(arguments, botID: botID, access: .write)
        if title.isEmpty { throw .badRequest("title must be non-empty") }
        guard chats[index].allows(botID, "can_change_info") else { throw .badRequest("not enough rights to change chat title") }
        // An unchanged title is answered true without reaching Telegram's servers.
        chats[index].title = title
        return .ok
    }

    private mutating func setDescription(_ arguments: MethodArguments, botID: String) throws(SandboxAPIError) -> MethodResult {
        let description = String(arguments["description"].trimmingCharacters(in: .whitespacesAndNewlines).prefix(255))
        let index = try chat(arguments, botID: botID, access: .write)
        guard chats[index].allows(botID, "can_change_info") else { throw .badRequest("not enough rights to set chat description") }
        if chats[index].description == description { throw .badRequest("chat description is not modified") }
        chats[index].description = description
        return .ok
    }

    private mutating func setPhoto(_ arguments: MethodArguments, botID: String, deleting: Bool) throws(SandboxAPIError) -> MethodResult {
        var bytes: [UInt8]?
        if !deleting {
            guard arguments.has("photo") || arguments.fileData["photo"] != nil else { throw .badRequest("there is no photo in the request") }
            guard let data = arguments.fileData["photo"] else { throw .badRequest("photo must be uploaded as an InputFile") }
            bytes = data
        }
        let index = try chat(arguments, botID: botID, access: .write)
        guard chats[index].allows(botID, "can_change_info") else { throw .badRequest("not enough rights to change chat photo") }
        guard let bytes else {
            if chats[index].photoSerial == nil { throw .badRequest("CHAT_NOT_MODIFIED") }
            chats[index].photoSerial = nil
            return .ok
        }
        guard ProfilePhoto.isJPEG(bytes), bytes.count <= BotState.maxProfilePhotoBytes else { throw .badRequest("IMAGE_PROCESS_FAILED") }
        chats[index].photoUploads += 1
        chats[index].photoSerial = chats[index].photoUploads
        return .ok
    }

    private mutating func setPermissions(_ arguments: MethodArguments, botID: String) throws(SandboxAPIError) -> MethodResult {
        var given: [String: Bool] = [:]
        if arguments.has("permissions") {
            guard let parsed = SandboxJSON.parse(arguments["permissions"]) else { throw .badRequest("can't parse permissions JSON object") }
            guard let object = parsed.objectValue else { throw .badRequest("object expected as permissions") }
            for (field, value) in object {
                guard let flag = value.boolValue else {
                    throw .badRequest("can't parse chat permissions: Field \"\(field)\" must be of type Boolean")
                }
                given[field] = flag
            }
        }
        var permissions = Dictionary(uniqueKeysWithValues: SandboxChat.permissionFields.map { ($0, given[$0] ?? false) })
        for (field, source) in [("can_react_to_messages", "can_send_messages"), ("can_edit_tag", "can_pin_messages"),
                                ("can_manage_topics", "can_pin_messages")] where given[field] == nil {
            permissions[field] = permissions[source]
        }
        if !arguments.bool("use_independent_chat_permissions") {
            let media = ["can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos", "can_send_video_notes",
                         "can_send_voice_notes"]
            if permissions["can_send_other_messages"] == true || permissions["can_add_web_page_previews"] == true {
                for field in media { permissions[field] = true }
            }
            if media.contains(where: { permissions[$0] == true }) || permissions["can_send_polls"] == true {
                permissions["can_send_messages"] = true
            }
        }
        let index = try chat(arguments, botID: botID, access: .write)
        if chats[index].type == .channel { throw .badRequest("can't change channel chat permissions") }
        guard chats[index].allows(botID, "can_restrict_members") else { throw .badRequest("not enough rights to change chat permissions") }
        chats[index].permissions = permissions
        return .ok
    }
}

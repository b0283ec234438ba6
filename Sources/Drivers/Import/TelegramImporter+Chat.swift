import Crypto
import Foundation
import Reconciler
import Spec

extension TelegramImporter {
    /// A chat as a Channel document, read through the first imported bot that administers it: type, title,
    /// description, photo (downloaded) and the rights the bot holds there as `botRights`.
    func importChat(_ source: ChatSource, bots: inout [ImportedBot]) async -> ImportedFleet {
        var fleet = ImportedFleet()
        let chatID = Self.chatJSON(source.chat)
        var refusals: [String] = []
        for index in bots.indices {
            do throws(ResourceError) {
                let chat: JSONValue
                switch try await bots[index].session.chatCall("getChat", ["chat_id": chatID]) {
                case let .success(found): chat = found
                case let .failure(refused):
                    refusals.append("Bot/\(bots[index].name): \(refused.description)")
                    continue
                }
                let member: JSONValue
                switch try await bots[index].session.chatCall("getChatMember", ["chat_id": chatID, "user_id": .int(Int(bots[index].botID))]) {
                case let .success(found): member = found
                case let .failure(refused):
                    refusals.append("Bot/\(bots[index].name): \(refused.description)")
                    continue
                }
                guard ["administrator", "creator"].contains(member["status"]?.stringValue ?? "") else {
                    refusals.append("Bot/\(bots[index].name) is a plain \(member["status"]?.stringValue ?? "member") there")
                    continue
                }
                fleet.merge(try await channel(source, chat: chat, member: member, bot: &bots[index]))
                return fleet
            } catch {
                refusals.append("Bot/\(bots[index].name): \(error.message)")
            }
        }
        fleet.failures.append("\(source.chat): no imported bot administers it"
            + (refusals.isEmpty ? " (no bot was imported)" : " (" + refusals.joined(separator: "; ") + ")")
            + "; import the bot that does, or have an owner make one of them an administrator")
        return fleet
    }

    static func chatJSON(_ chat: ChatReference) -> JSONValue {
        switch chat {
        case let .id(id): return .int(Int(id))
        case let .username(name): return .string(name)
        }
    }

    /// The name a chat's document gets: its username's, or `chat-<id digits>`.
    static func documentName(of chat: ChatReference) -> String? {
        switch chat {
        case let .username(name): return ResourceMetadata.name(from: String(name.dropFirst()))
        case let .id(id): return "chat-\(id.magnitude)"
        }
    }

    private func channel(_ source: ChatSource, chat: JSONValue, member: JSONValue,
                         bot: inout ImportedBot) async throws(ResourceError) -> ImportedFleet {
        var fleet = ImportedFleet()
        guard let name = source.name ?? Self.documentName(of: source.chat), ResourceMetadata.isValidName(name) else {
            fleet.failures.append("\(source.chat): no document name can be made from it; give one: --chat \(source.chat)=<name>")
            return fleet
        }
        guard let type = chat["type"]?.stringValue.flatMap(ChatType.init(rawValue:)) else {
            fleet.failures.append("\(source.chat) is a \(chat["type"]?.stringValue ?? "chat of no type"), not a channel, group or supergroup")
            return fleet
        }
        var entries: [YAMLEntry] = [
            YAMLEntry("chat", BotReader.chat(source.chat)),
            YAMLEntry("bot", .string(bot.name)),
            YAMLEntry("type", .string(type.rawValue)),
        ]
        if let title = chat["title"]?.stringValue { entries.append(YAMLEntry("title", .string(title))) }
        if let description = chat["description"]?.stringValue, !description.isEmpty {
            entries.append(YAMLEntry("description", .string(description)))
        }
        if let photo = chat["photo"], let fileID = photo["big_file_id"]?.stringValue, let unique = photo["big_file_unique_id"]?.stringValue {
            let bytes = try await bot.session.download(fileID: fileID)
            let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            let value = JSONValue.string("image sha256:\(digest.prefix(16))")
            entries.append(YAMLEntry("photo", .string("\(name).jpg")))
            fleet.assets.append(ImportedFleet.Asset(path: "\(ConfigLayout.folder(of: .channel))/\(name).jpg", bytes: bytes,
                                                    document: ConfigLayout.documentPath(.channel, name)))
            fleet.inventory.append(InventoryEntry(address: ResourceAddress(.channel, name), attributes: [
                TelegramDriver.uploadAttribute: .object(["value": value, "fileUniqueID": .string(unique)]),
            ]))
        }
        // What the bot may do there, as requirements; anonymity is a choice of how it posts, not a capability.
        let held = ChannelValues.heldRights(member).filter { right in
            right != "is_anonymous" && (TelegramRules.rightChatTypes[right]?.contains(type) ?? true)
        }
        if !held.isEmpty {
            entries.append(YAMLEntry("botRights", .mapping(held.sorted().map { YAMLEntry(CaseStyle.camel(fromSnake: $0), .bool(true)) }),
                                     comment: ["Checked on every pass, never set: the rights the bot held when imported."]))
        }
        var header = ["Imported from \(source.chat) through Bot/\(bot.name) by botops import telegram."]
        if type.hasMemberPermissions {
            header.append("memberPermissions are not written, so they are not managed: add them to manage them.")
        }
        fleet.documents.append(ResourceDocument(kind: .channel, name: name, header: header, spec: .mapping(entries)))
        return fleet
    }
}

import Reconciler
import Spec

extension TelegramDriver {
    /// Makes a chat's written fields what git says, one call per field that differs. Never a call for a
    /// field that does not differ: Telegram refuses an unchanged description and a photo deleted twice.
    func applyChannel(_ change: Change, desired: DesiredResource?, owned: InventoryEntry?, session: BotSession,
                      context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard let desired, let input = desired.input(as: ChannelInput.self) else {
            // A Channel that left git is released by the planner, never deleted; nothing to send.
            return ApplyOutcome(entry: nil, writes: 0)
        }
        var upload: [UInt8]?
        if change.touches("photo"), let asset = input.photo?.asset {
            upload = try context.bytes(of: asset, for: change.address, at: desired.location)
        }
        let chatID = ChannelValues.chatID(input.chat)
        var writes = 0
        func write(_ method: String, _ parameters: [String: JSONValue], files: [TelegramUpload] = []) async throws(ResourceError) {
            var all = parameters
            all["chat_id"] = chatID
            do {
                try await session.call(method, all, files: files, failure: .applyFailed)
            } catch {
                throw ResourceError(address: change.address, code: error.code,
                    message: "\(input.chat): \(error.message)", location: desired.location, endpoint: error.endpoint)
            }
            writes += 1
        }
        for (field, method) in [("title", "setChatTitle"), ("description", "setChatDescription")] where changed(field, in: change) {
            try await write(method, [field: desired.value[field] ?? ""])
        }
        if changed("permissions", in: change), let permissions = desired.value["permissions"] {
            try await write("setChatPermissions", ["permissions": permissions, "use_independent_chat_permissions": .bool(true)])
        }
        var attributes = desired.attributes
        attributes[Self.uploadAttribute] = owned?.attributes[Self.uploadAttribute]
        if changed("photo", in: change), let photo = input.photo {
            if let bytes = upload {
                try await write("setChatPhoto", [:], files: [TelegramUpload(name: "photo", filename: "photo.jpg", bytes: bytes)])
                let chat = try await session.call("getChat", ["chat_id": chatID])
                attributes[Self.uploadAttribute] = .object(["value": Self.photoValue(photo),
                                                             "fileUniqueID": chat["photo"]?["big_file_unique_id"] ?? .null])
            } else {
                try await write("deleteChatPhoto", [:])
                attributes[Self.uploadAttribute] = nil
            }
        }
        if input.photo == nil { attributes[Self.uploadAttribute] = nil }
        return ApplyOutcome(entry: InventoryEntry(address: change.address, attributes: attributes, dependsOn: desired.dependsOn),
                            writes: writes)
    }

    /// Whether `field` changes to a declared value (a field no longer declared is left as it is).
    private func changed(_ field: String, in change: Change) -> Bool {
        change.fields.contains { FieldChange.path($0.path, isWithin: field) && $0.after != nil }
    }
}

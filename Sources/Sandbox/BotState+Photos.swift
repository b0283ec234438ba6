extension BotState {
    /// The largest upload the sandbox takes for a profile photo (it states its own limit: 10 MB, the
    /// size Telegram takes for photos sent by bots).
    static let maxProfilePhotoBytes = 10 * 1024 * 1024

    /// `setMyProfilePhoto`: `photo` is an `InputProfilePhoto` (`static` with `photo`, or `animated` with
    /// `animation` and an optional `main_frame_timestamp`) whose file is uploaded as `attach://<name>`.
    /// The new photo becomes the current one (first); older ones stay behind it.
    mutating func setMyProfilePhoto(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        // The checks and texts of the Bot API server (Client::get_input_chat_photo and TDLib's JSON fields).
        guard !arguments["photo"].isEmpty else { throw .badRequest("photo isn't specified") }
        guard let parsed = SandboxJSON.parse(arguments["photo"]) else { throw .badRequest("can't parse photo JSON object") }
        guard case .object(let photo) = parsed else { throw .badRequest("object expected as profile photo") }
        guard let type = photo["type"]?.stringValue else { throw .badRequest("can't find field \"type\"") }
        guard type == "static" || type == "animated" else { throw .badRequest("invalid profile photo type specified") }
        let field = type == "static" ? "photo" : "animation"
        guard let reference = photo[field]?.stringValue else { throw .badRequest("can't find field \"\(field)\"") }
        // Only an upload counts (attach://<part>): never a file_id or a URL.
        guard reference.hasPrefix("attach://"), let bytes = arguments.fileData[String(reference.dropFirst("attach://".count))] else {
            throw .badRequest("photo must be uploaded as a file")
        }
        guard !bytes.isEmpty, bytes.count <= Self.maxProfilePhotoBytes else { throw .badRequest("file is too big") }
        guard type == "static" ? ProfilePhoto.isJPEG(bytes) : ProfilePhoto.isMP4(bytes) else {
            throw .badRequest(type == "static" ? "IMAGE_PROCESS_FAILED" : "VIDEO_FILE_INVALID")
        }
        photoSerial += 1
        profilePhotos.insert(ProfilePhoto(bytes: bytes, isAnimation: type == "animated", botID: bot.id, serial: photoSerial), at: 0)
        return .ok
    }

    /// `removeMyProfilePhoto`: removes the current photo; an older one, if any, becomes current.
    mutating func removeMyProfilePhoto() -> MethodResult {
        if !profilePhotos.isEmpty { profilePhotos.removeFirst() }
        return .ok
    }

    /// `getUserProfilePhotos`: the bot's own photos, newest first (the sandbox knows no other user).
    func getUserProfilePhotos(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        guard MethodArguments.leadingInteger(arguments["user_id"]) > 0 else { throw .badRequest("invalid user_id specified") }
        guard String(MethodArguments.leadingInteger(arguments["user_id"])) == bot.id else { throw .badRequest("user not found") }
        let offset = arguments.integer("offset", default: 0, clampedTo: 0...Int(Int32.max))
        let limit = arguments.integer("limit", default: 100, clampedTo: 1...100)
        let listed = profilePhotos.dropFirst(offset).prefix(limit)
        return MethodResult(.object(["total_count": .int(Int64(profilePhotos.count)), "photos": .array(listed.map(\.json))]))
    }

    /// `getFile`: a size of one of the bot's photos, with the path it is downloaded from.
    func getFile(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        guard !arguments["file_id"].isEmpty else { throw .badRequest("file_id not specified") }
        guard let size = file(id: arguments["file_id"]) else { throw .badRequest("invalid file_id") }
        return MethodResult(.object(["file_id": .string(size.fileID), "file_unique_id": .string(size.uniqueID),
                                     "file_size": .int(Int64(size.bytes.count)), "file_path": .string(Self.filePath(size))]))
    }

    /// The bytes at a `file_path` from `getFile`, for `/file/bot<token>/<file_path>`.
    func download(path: String) -> [UInt8]? {
        profilePhotos.lazy.flatMap(\.sizes).first { Self.filePath($0) == path }?.bytes
    }

    private func file(id: String) -> ProfilePhoto.Size? {
        profilePhotos.lazy.flatMap(\.sizes).first { $0.fileID == id }
    }

    private static func filePath(_ size: ProfilePhoto.Size) -> String { "profile_photos/\(size.uniqueID).jpg" }
}

import Reconciler
import Spec

/// Profile photos. Telegram re-encodes an upload, so content is never compared: the plan's value of a
/// photo is what git declares (`none`, or the kind and SHA-256 of the file), and the live side reads
/// as that same value only while the photo Telegram shows is the one botops uploaded for it (the
/// `file_unique_id` recorded after the upload). A converged bot costs one `getUserProfilePhotos`.
extension TelegramDriver {
    /// The attribute naming the photo value git manages; present while git manages one.
    static let photoAttribute = "photo"
    /// The attribute recording the last upload: the value uploaded and the `file_unique_id` it got.
    static let uploadAttribute = "photoUploaded"

    /// `none`, `image sha256:<16 hex>` or `animation sha256:<16 hex> main frame <t> s`.
    static func photoValue(_ photo: ProfilePhoto) -> JSONValue {
        switch photo {
        case .none: return "none"
        case let .image(asset): return .string("image sha256:\(asset.sha256.prefix(16))")
        case let .animation(asset, timestamp): return .string("animation sha256:\(asset.sha256.prefix(16)) main frame \(timestamp) s")
        }
    }

    /// The photo as Telegram shows it, in the terms of ``photoValue(_:)``; nil when git does not
    /// manage the photo and never did.
    func readPhoto(_ session: BotSession, desired: DesiredResource, owned: InventoryEntry?,
                   reads: (String) -> Bool) async throws(ResourceError) -> JSONValue? {
        guard desired.value["photo"] != nil || owned?.attributes[Self.photoAttribute] != nil, reads("photo") else { return nil }
        let list = try await currentPhoto(session)
        return Self.observedPhoto(list, uploaded: owned?.attributes[Self.uploadAttribute])
    }

    /// `getUserProfilePhotos` of the bot itself, the current photo only.
    func currentPhoto(_ session: BotSession) async throws(ResourceError) -> JSONValue {
        guard let id = session.botID else {
            throw ResourceError(address: session.address, code: .readFailed,
                message: "the token in \(session.reference) does not start with the bot's id; check it with @BotFather")
        }
        return try await session.call("getUserProfilePhotos", ["user_id": .int(Int(id)), "limit": .int(1)])
    }

    /// The largest size's `file_unique_id` of the current photo; nil when there is none.
    static func currentUniqueID(_ list: JSONValue) -> String? {
        guard (list["total_count"]?.intValue ?? 0) > 0, let sizes = list["photos"]?.arrayValue?.first?.arrayValue else { return nil }
        let largest = sizes.max { ($0["width"]?.intValue ?? 0) * ($0["height"]?.intValue ?? 0)
            < ($1["width"]?.intValue ?? 0) * ($1["height"]?.intValue ?? 0) }
        return largest?["file_unique_id"]?.stringValue
    }

    /// What a change of the photo does: upload, remove, put back a photo changed by hand, or stop managing.
    static func describePhoto(_ field: FieldChange, chat: Bool = false) -> String? {
        guard let after = field.after else { return "no longer managed: left as it is, nothing is sent" }
        if field.before?.stringValue?.hasPrefix(Self.foreignPhoto) == true {
            return after == "none" ? "changed by hand: removed" : "changed by hand: the file in git is uploaded again"
        }
        if after == "none" { return chat ? "the photo is deleted" : "every photo is removed until Telegram shows none" }
        return "the file is uploaded"
    }

    /// How the live side reads a photo botops did not upload.
    static let foreignPhoto = "a photo botops did not upload"

    static func observedPhoto(_ list: JSONValue, uploaded: JSONValue?) -> JSONValue {
        guard let unique = currentUniqueID(list) else { return "none" }
        if let uploaded, uploaded["fileUniqueID"]?.stringValue == unique, let value = uploaded["value"] { return value }
        return .string("\(foreignPhoto) (file_unique_id \(unique))")
    }
}

extension BotWriter {
    /// What the inventory keeps of the photo after apply.
    enum PhotoRecord {
        case unchanged
        case cleared
        case uploaded(JSONValue)
    }

    /// Puts the declared photo in place when the change touches it: the file uploaded (then its
    /// `file_unique_id` read back to recognise it), or for `none` photos removed until Telegram
    /// reports none, since removing one shows the one before it. A photo no longer declared is left.
    mutating func photo(_ photo: ProfilePhoto?, value: JSONValue?, upload bytes: [UInt8]?,
                        driver: TelegramDriver) async throws(ResourceError) -> PhotoRecord {
        guard change.touches("photo"), let photo, let value else { return photo == nil ? .cleared : .unchanged }
        guard let asset = photo.asset else {
            for _ in 0..<Self.maxRemovals {
                try await write("removeMyProfilePhoto")
                if TelegramDriver.currentUniqueID(try await driver.currentPhoto(session)) == nil { return .cleared }
            }
            throw ResourceError(address: change.address, code: .applyFailed,
                message: "Telegram still shows a photo after \(Self.maxRemovals) removals; apply again to remove more")
        }
        guard let bytes else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "the photo's file was not read before apply")
        }
        let upload = TelegramUpload(name: "upload", filename: String(asset.path.split(separator: "/").last ?? "photo"), bytes: bytes)
        let input: JSONValue
        switch photo {
        case let .animation(_, timestamp):
            input = .object(["type": "animated", "animation": "attach://upload", "main_frame_timestamp": .double(timestamp)])
        default:
            input = .object(["type": "static", "photo": "attach://upload"])
        }
        try await write("setMyProfilePhoto", ["photo": input], files: [upload])
        let unique = TelegramDriver.currentUniqueID(try await driver.currentPhoto(session))
        return .uploaded(.object(["value": value, "fileUniqueID": unique.map(JSONValue.string) ?? .null]))
    }

    /// How many photos one apply removes at most for `none`: a bot with a long history of photos
    /// is cleared over several applies rather than by one unbounded loop.
    static let maxRemovals = 100
}

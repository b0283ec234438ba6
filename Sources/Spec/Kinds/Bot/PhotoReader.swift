/// Reads a photo field: a bot's `profile.photo` or a Channel's `photo`.
struct PhotoReader {
    let context: ReadContext
    /// Whether an animation may be named (a bot's photo; a chat's takes a still only).
    let animations: Bool

    /// `none`, a path (an animation when it ends in `.mp4`) or `{animation, mainFrameTimestamp}`, relative
    /// to the document's file. The file is read now, so what Telegram would refuse is an error at the line.
    func read(_ profile: MappingReader, key: String = "photo") -> ProfilePhoto? {
        guard let node = profile.node(key) else { return nil }
        let path = profile.childPath(key)
        if let text = node.stringScalar {
            if text == "none" { return ProfilePhoto.none }
            let location = profile.valueLocation(key)
            if text.lowercased().hasSuffix(".mp4") {
                guard animations else {
                    context.sink.error(.telegramLimit, at: location,
                        "'\(path)': '\(text)' is a video, and a chat's photo is a still JPEG (setChatPhoto); name a JPEG")
                    return nil
                }
                return animation(text, timestamp: 0, path: path, at: location, timestampAt: (location, path))
            }
            return image(text, path: path, at: location)
        }
        guard animations, node.kind == .mapping else {
            context.sink.error(.typeMismatch, at: context.location(of: node), animations
                ? "'\(path)' must be a path to a JPEG, a path to an .mp4, {animation: clip.mp4, mainFrameTimestamp: 1.5} or none, "
                    + "not \(node.typeDescription)"
                : "'\(path)' must be a path to a JPEG or none, not \(node.typeDescription)")
            return nil
        }
        guard let reader = MappingReader(node, path: path, context: context) else { return nil }
        reader.rejectUnknownKeys(["animation", "mainFrameTimestamp"])
        guard let file = reader.string("animation", required: true) else { return nil }
        let timestamp = reader.number("mainFrameTimestamp") ?? 0
        return animation(file, timestamp: timestamp, path: reader.childPath("animation"), at: reader.valueLocation("animation"),
                         timestampAt: (reader.has("mainFrameTimestamp") ? reader.valueLocation("mainFrameTimestamp") : reader.location,
                                       reader.childPath("mainFrameTimestamp")))
    }

    private func image(_ file: String, path: String, at location: SourceLocation) -> ProfilePhoto? {
        guard let inspection = inspect(file, path: path, maxBytes: TelegramRules.maxProfilePhotoBytes, at: location) else { return nil }
        guard let size = inspection.jpegSize, size.width > 0, size.height > 0 else {
            let hint = inspection.isMP4 && animations ? "; an animation must end in .mp4 or be written {animation: \(file)}"
                : "; convert it to JPEG"
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' is not a JPEG, and Telegram takes a static photo as a JPEG only\(hint)")
            return nil
        }
        let sides = "\(size.width)x\(size.height)"
        if size.width + size.height > TelegramRules.maxProfilePhotoSideSum {
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' is \(sides); Telegram takes a photo whose width and height add up to at most "
                + "\(TelegramRules.maxProfilePhotoSideSum); scale it down")
            return nil
        }
        if max(size.width, size.height) > TelegramRules.maxProfilePhotoAspectRatio * min(size.width, size.height) {
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' is \(sides); Telegram takes a photo at most \(TelegramRules.maxProfilePhotoAspectRatio) times "
                + "as long as it is wide; crop it")
            return nil
        }
        return .image(inspection.asset)
    }

    private func animation(_ file: String, timestamp: Double, path: String, at location: SourceLocation,
                           timestampAt timestampPlace: (location: SourceLocation, path: String)) -> ProfilePhoto? {
        let (timestampLocation, timestampPath) = timestampPlace
        // Told apart from the file's own problems, so both are reported at once.
        if timestamp < 0 {
            context.sink.error(.invalidValue, at: timestampLocation,
                "'\(timestampPath)' is \(Self.seconds(timestamp)) s; name a moment from 0 s into the clip")
        }
        guard let inspection = inspect(file, path: path, maxBytes: TelegramRules.maxProfileAnimationBytes, at: location) else { return nil }
        guard inspection.isMP4 else {
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' is not an MPEG-4 video, and Telegram takes an animated profile photo as MPEG-4 only")
            return nil
        }
        guard let duration = inspection.duration else {
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' has no movie header telling its length; export it again as an MPEG-4 video")
            return nil
        }
        let seconds = Self.seconds(duration)
        if duration > TelegramRules.maxProfileAnimationSeconds {
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' lasts \(seconds) s; an animated profile photo lasts at most "
                + "\(Self.seconds(TelegramRules.maxProfileAnimationSeconds)) s; cut it")
            return nil
        }
        guard timestamp >= 0 else { return nil }
        guard timestamp <= duration else {
            context.sink.error(.invalidValue, at: timestampLocation,
                "'\(timestampPath)' is \(Self.seconds(timestamp)) s, outside '\(file)', which lasts \(seconds) s; "
                + "name a moment from 0 to \(seconds)")
            return nil
        }
        return .animation(inspection.asset, mainFrameTimestamp: timestamp)
    }

    /// The file `file` names (relative to this document's file), read through the configuration's source.
    private func inspect(_ file: String, path: String, maxBytes: Int, at location: SourceLocation) -> AssetCatalog.Inspection? {
        guard let relative = context.rootRelative(file) else {
            context.sink.error(.missingFile, at: location,
                "'\(path)': '\(file)' is outside the configuration root; keep the photo in the configuration's folder")
            return nil
        }
        switch context.inspectAsset(relative, maxBytes: maxBytes) {
        case let .success(inspection):
            return inspection
        case let .failure(error) where error.code == .fileTooLarge:
            context.sink.error(.telegramLimit, at: location,
                "'\(path)': '\(file)' is larger than Telegram's \(maxBytes / 1024 / 1024) MB for a photo; make it smaller")
        case let .failure(error) where error.code == .pathNotFound:
            context.sink.error(.missingFile, at: location,
                "'\(path)': there is no file '\(relative)' (paths are relative to \(context.file)); add it or fix the path")
        case let .failure(error):
            context.sink.error(.missingFile, at: location, "'\(path)': \(error.message)")
        }
        return nil
    }

    private static func seconds(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

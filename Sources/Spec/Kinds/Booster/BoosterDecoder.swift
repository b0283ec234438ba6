/// Reads a `Booster` spec.
struct BoosterDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Booster? {
        spec.rejectUnknownKeys(["bot", "channel", "type", "provider", "settings", "enabled"])
        let bot = spec.nonEmptyString("bot", required: false)
        let channel = readChannel()
        let type = spec.oneOf("type", Booster.BoostType.allCases.map(\.rawValue), required: true).flatMap(Booster.BoostType.init)
        let provider = spec.nonEmptyString("provider")
        var settings: [String: JSONValue] = [:]
        if spec.has("settings") {
            if case let .object(fields)? = spec.json("settings") {
                settings = fields
            } else {
                context.sink.error(.typeMismatch, at: spec.valueLocation("settings"),
                    "'spec.settings' must be a mapping, not \(spec.node("settings")!.typeDescription)")
            }
        }
        if type == .reactions {
            checkReactions(settings)
        }
        let enabled = spec.bool("enabled") ?? true
        guard let channel, let type, let provider else { return nil }
        return Booster(metadata: metadata, bot: bot, channel: channel, type: type, provider: provider,
                       settings: settings, enabled: enabled)
    }

    private func readChannel() -> ChatReference? {
        guard let node = spec.required("channel") else { return nil }
        if let id = node.intScalar.map(Int64.init) ?? node.stringScalar.flatMap(SpecSyntax.quotedChatID) {
            if id < 0 { return .id(Int64(id)) }
            context.sink.error(.invalidValue, at: context.location(of: node),
                "'spec.channel' is \(id), but channel ids are negative (such as -1001234567890); copy the id with its minus sign")
            return nil
        }
        if let text = node.stringScalar, SpecSyntax.isChannelUsername(text) { return .username(text) }
        context.sink.error(.invalidValue, at: context.location(of: node),
            "'spec.channel' must be a channel @username (5-32 characters) or a numeric chat id such as -1001234567890")
        return nil
    }

    private func checkReactions(_ settings: [String: JSONValue]) {
        var location = spec.valueLocation(spec.has("settings") ? "settings" : "type")
        if let reactions = spec.node("settings")?.value(forKey: "reactions") {
            location = context.location(of: reactions)
        }
        guard let reactions = settings["reactions"] else {
            context.sink.error(.missingField, at: location,
                "a reactions booster needs 'spec.settings.reactions', a non-empty list of emoji")
            return
        }
        guard let list = reactions.arrayValue, !list.isEmpty, list.allSatisfy({ $0.stringValue?.isEmpty == false }) else {
            context.sink.error(.invalidValue, at: location,
                "'spec.settings.reactions' must be a non-empty list of emoji strings")
            return
        }
    }
}

extension BotDecoder {
    /// `spec.settings`: each setting checked as Telegram would take it, and the sidebar's dependence on topics.
    func readSettings(_ reader: MappingReader) -> BotSettings {
        reader.rejectUnknownKeys(BotSetting.allCases.map(\.rawValue))
        var settings = BotSettings()
        for setting in BotSetting.allCases where reader.has(setting.rawValue) {
            let key = setting.rawValue
            switch setting.value {
            case .boolean:
                if let value = reader.bool(key) { settings.values[setting] = .bool(value) }
            case .text:
                guard let text = reader.string(key) else { continue }
                if text.count > BotSettings.maxPlaceholderLength {
                    reader.error(.telegramLimit, at: reader.valueLocation(key),
                        "'\(reader.childPath(key))' is \(text.count) characters long; botops allows at most "
                        + "\(BotSettings.maxPlaceholderLength) (a hint shown after the bot's username)")
                } else {
                    settings.values[setting] = .string(text)
                }
            case .denominator:
                guard let number = reader.int(key) else { continue }
                if BotSettings.denominators.contains(number) {
                    settings.values[setting] = .int(number)
                } else {
                    reader.error(.invalidValue, at: reader.valueLocation(key),
                        "'\(reader.childPath(key))' must be 0 (no feedback), 1, 10, 100 or 1000, not \(number)")
                }
            case .mode:
                if let mode = reader.oneOf(key, BotSettings.callbackQueryModes) { settings.values[setting] = .string(mode) }
            }
        }
        checkSidebar(settings, reader: reader)
        return settings
    }

    /// Telegram accepts a topic sidebar with topics off and keeps reporting it off: a plan that never converges.
    private func checkSidebar(_ settings: BotSettings, reader: MappingReader) {
        guard settings.values[.hasTopicSidebar] == .bool(true) else { return }
        let place = reader.valueLocation(BotSetting.hasTopicSidebar.rawValue)
        switch settings.values[.hasTopicsEnabled] {
        case .bool(false)?:
            reader.error(.invalidValue, at: place,
                "'\(reader.childPath("hasTopicSidebar"))' is true while hasTopicsEnabled is false: Telegram shows the sidebar "
                + "only with topics on, so it would report false forever; enable topics or drop the sidebar")
        case nil:
            context.sink.warning(.invalidValue, at: place,
                "'\(reader.childPath("hasTopicSidebar"))' takes effect only while topics are enabled, and hasTopicsEnabled is "
                + "not written: write it so git decides both")
        default:
            break
        }
    }
}

import Foundation

/// Limits and enumerations of the Telegram Bot API that the spec checks before Telegram would.
///
/// What changes from one Bot API version to the next (update types, object fields) is kept per
/// version in `BotAPIVersion`; the enumerations here are those of `BotAPIVersion.current`.
public enum TelegramRules {
    public static let maxNameLength = 64
    public static let maxDescriptionLength = 512
    public static let maxShortDescriptionLength = 120
    public static let maxCommandsPerSet = 100
    public static let maxCommandDescriptionLength = 256
    public static let webhookPorts: Set<Int> = [443, 80, 88, 8443]
    public static let maxConnectionsRange = 1...100
    public static let defaultMaxConnections = 40

    // Profile photos. The Bot API states no limits for `InputProfilePhoto`; these are the ones it
    // states for what a bot sends: a photo (10 MB, sides summing to at most 10000, a ratio of at
    // most 20) and a live photo's video (10 MB, 10 seconds).
    public static let maxProfilePhotoBytes = 10 * 1024 * 1024
    public static let maxProfilePhotoSideSum = 10_000
    public static let maxProfilePhotoAspectRatio = 20
    public static let maxProfileAnimationBytes = 10 * 1024 * 1024
    public static let maxProfileAnimationSeconds = 10.0

    /// `Update` fields other than `update_id`: the values `allowed_updates` takes.
    public static var updateTypes: [String] { BotAPIVersion.current.updateTypes }

    /// Update types Telegram leaves out when `allowed_updates` is not specified.
    public static var optInUpdateTypes: Set<String> { BotAPIVersion.current.optInUpdateTypes }

    /// The set Telegram delivers by default.
    public static var defaultUpdateTypes: [String] { BotAPIVersion.current.defaultUpdateTypes }

    /// `ChatAdministratorRights` fields, in Telegram's order.
    public static var administratorRightsFields: [String] { BotAPIVersion.current.administratorRightsFields }

    /// `ChatPermissions` fields, in Telegram's order.
    public static var chatPermissionsFields: [String] { BotAPIVersion.current.chatPermissionsFields }

    /// ``administratorRightsFields`` as YAML writes them (camelCase), each beside its Bot API name: spelled once,
    /// since every bot's and channel's rights are read by them (3 % of validating 10,000 documents).
    static let administratorRightsKeys = FieldSpelling(administratorRightsFields)
    /// ``chatPermissionsFields`` as YAML writes them, each beside its Bot API name.
    static let chatPermissionsKeys = FieldSpelling(chatPermissionsFields)

    /// Bot API field names and the camelCase keys the YAML writes them as, in the same order.
    struct FieldSpelling: Sendable {
        let api: [String]
        let yaml: [String]

        init(_ api: [String]) {
            self.api = api
            yaml = api.map(CaseStyle.camel(fromSnake:))
        }

        /// Each YAML key with its Bot API name.
        var pairs: Zip2Sequence<[String], [String]> { zip(yaml, api) }
    }

    /// Chat titles: `setChatTitle` takes 1-128 characters.
    public static let chatTitleLength = 1...128
    /// Chat descriptions: `setChatDescription` takes 0-255 characters.
    public static let maxChatDescriptionLength = 255

    /// The chat types an administrator right applies to, as `ChatAdministratorRights` states them
    /// ("for channels only", "for groups and supergroups only", "for supergroups only"); a right not
    /// listed applies to every type.
    public static let rightChatTypes: [String: Set<ChatType>] = [
        "can_post_messages": [.channel], "can_edit_messages": [.channel], "can_manage_direct_messages": [.channel],
        "can_pin_messages": [.group, .supergroup], "can_manage_tags": [.group, .supergroup],
        "can_manage_topics": [.supergroup],
    ]

    /// `BotCommand` fields, in Telegram's order.
    public static var botCommandFields: [String] { BotAPIVersion.current.botCommandFields }

    /// True for a command name Telegram accepts: 1-32 of `[a-z0-9_]`.
    public static func isValidCommand(_ command: String) -> Bool {
        (1...32).contains(command.count) && command.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// True for a language code Telegram accepts: two lowercase ASCII letters.
    public static func isValidLanguageCode(_ code: String) -> Bool {
        code.count == 2 && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }

    /// `[A-Za-z0-9_-]`: the characters of a token's secret part and of a webhook secret token.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-"
    }

    /// True for a secret token Telegram accepts: 1-256 of `[A-Za-z0-9_-]`.
    public static func isValidSecretToken(_ token: String) -> Bool {
        (1...256).contains(token.count) && token.unicodeScalars.allSatisfy(isTokenCharacter)
    }

    /// True when a bot token stands anywhere inside `text` (a URL's `/bot<token>/` path, a
    /// connection string), bounded by characters a token cannot hold.
    public static func containsBotToken(_ text: String) -> Bool {
        // Every scalar of every document comes here: most are short or have no colon, so no copy is made for them.
        guard text.utf8.count >= 32, text.utf8.contains(UInt8(ascii: ":")) else { return false }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= 32 else { return false }
        for (index, scalar) in scalars.enumerated() where scalar == ":" {
            var start = index
            while start > 0, ("0"..."9").contains(scalars[start - 1]) { start -= 1 }
            let digits = index - start
            // A token's id is a whole run of digits: `sha256:...` or `bot12:` must not match halfway.
            guard digits >= 1, digits <= 20, start == 0 || !isTokenCharacter(scalars[start - 1])
                    || scalars[start - 1] == "t" && start >= 3 && String(String.UnicodeScalarView(scalars[(start - 3)..<start])) == "bot"
            else { continue }
            var end = index + 1
            while end < scalars.count, isTokenCharacter(scalars[end]) { end += 1 }
            if end - index - 1 >= 30 { return true }
        }
        return false
    }

    /// True for a string shaped like a bot token, `<digits>:<30 or more of [A-Za-z0-9_-]>`.
    public static func looksLikeBotToken(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let colon = trimmed.firstIndex(of: ":") else { return false }
        let id = trimmed[..<colon], secret = trimmed[trimmed.index(after: colon)...]
        return !id.isEmpty && id.count <= 20 && id.allSatisfy(\.isASCII) && id.allSatisfy(\.isNumber)
            && secret.count >= 30 && secret.unicodeScalars.allSatisfy(isTokenCharacter)
    }
}

/// The update types a bot receives (`allowed_updates`), with the Bot API server's parsing rules.
struct AllowedUpdates: Sendable, Equatable {
    /// Every update type of the emulated Bot API version, in the order of the `Update` object's fields.
    static let allTypes = SandboxBotAPI.updateTypes

    /// Types a bot must ask for explicitly; see ``SandboxBotAPI/optInUpdateTypes``.
    static let optInTypes = SandboxBotAPI.optInUpdateTypes

    /// The default subscription.
    static let `default` = AllowedUpdates(types: Set(allTypes).subtracting(optInTypes))

    /// The subscribed types.
    var types: Set<String>

    /// Whether this is the default subscription (then getWebhookInfo omits `allowed_updates`).
    var isDefault: Bool { self == .default }

    /// The subscribed types in `Update` field order.
    var orderedTypes: [String] {
        Self.allTypes.filter(types.contains)
    }

    /// Reads an `allowed_updates` parameter the way the Bot API server does.
    ///
    /// Returns `nil` ("keep the previous setting") when the parameter is absent, is not JSON, is not an
    /// array, or holds a non-string. Names are matched case-insensitively and unknown names are ignored;
    /// when no known name remains (e.g. `[]`), the result is the default subscription.
    static func parse(_ text: String) -> AllowedUpdates? {
        guard !text.isEmpty, case .array(let elements)? = SandboxJSON.parse(text) else { return nil }
        var types = Set<String>()
        for element in elements {
            guard case .string(let name) = element else { return nil }
            let lowered = name.lowercased()
            if allTypes.contains(lowered) { types.insert(lowered) }
        }
        return types.isEmpty ? .default : AllowedUpdates(types: types)
    }
}

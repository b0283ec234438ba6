/// Default administrator rights (`ChatAdministratorRights`) a bot requests in groups or channels.
struct AdministratorRights: Sendable, Equatable {
    /// Every field of `ChatAdministratorRights` in the emulated Bot API version, in documentation order.
    static let fieldNames = SandboxBotAPI.administratorRightsFields

    /// The granted rights; absent names are `false`.
    var granted: Set<String> = []

    /// No rights, the state after `rights` is omitted ("the default administrator rights will be cleared").
    static let none = AdministratorRights()

    /// Parses the `rights` parameter like the Bot API server.
    ///
    /// - Returns: ``none`` when the parameter is empty.
    /// - Throws: `400` with the server's texts for bad JSON, a non-object, or a non-boolean field.
    static func parse(_ text: String) throws(SandboxAPIError) -> AdministratorRights {
        if text.isEmpty { return .none }
        guard let value = SandboxJSON.parse(text) else {
            throw .badRequest("can't parse ChatAdministratorRights JSON object")
        }
        guard case .object(let members) = value else {
            throw .badRequest("can't parse ChatAdministratorRights: ChatAdministratorRights must be an Object")
        }
        let reader = JSONFieldReader(members)
        var rights = AdministratorRights()
        do throws(JSONFieldReader.FieldError) {
            for name in fieldNames where try reader.optionalBool(name) {
                rights.granted.insert(name)
            }
            // "If omitted defaults to the value of can_pin_messages." No other field has such a rule:
            // an omitted can_send_welcome_messages (10.3) is false.
            if !reader.has("can_manage_tags"), rights.granted.contains("can_pin_messages") {
                rights.granted.insert("can_manage_tags")
            }
        } catch {
            throw .badRequest("can't parse ChatAdministratorRights: \(error.message)")
        }
        return rights
    }

    /// The `ChatAdministratorRights` object with every field present.
    var json: SandboxJSON {
        .object(Dictionary(uniqueKeysWithValues: Self.fieldNames.map { ($0, .bool(granted.contains($0))) }))
    }
}

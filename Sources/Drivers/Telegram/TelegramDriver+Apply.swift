import Foundation
import Reconciler
import Spec

extension TelegramDriver {
    public func apply(_ pending: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        let change = pending.change, desired = pending.desired, owned = pending.owned
        let attributes = desired?.attributes ?? owned?.attributes ?? [:]
        let location = desired?.location ?? SourceLocation(file: "state", line: 1, column: 1)
        let botName = change.address.kind == .bot ? change.address.name : attributes["bot"]?.stringValue ?? ""
        let reference = desired?.telegramToken ?? TelegramValues.reference(from: attributes["token"], location: location)
        guard let reference else {
            throw ResourceError(address: change.address, code: .applyFailed,
                message: "no token is known for Bot/\(botName); declare the bot again or remove the entry from the state")
        }
        let token = try context.resolve(reference, for: change.address)
        let session = BotSession(client: client, token: token, reference: reference, address: change.address,
                                 location: desired?.location)
        switch change.address.kind {
        case .bot:
            return try await applyBot(change, desired: desired, owned: owned, session: session)
        case .webhook:
            return try await applyWebhook(change, desired: desired, session: session, context: context)
        default:
            throw ResourceError(address: change.address, code: .applyFailed, message: "the Telegram driver does not manage this kind")
        }
    }

    private func applyBot(_ change: Change, desired: DesiredResource?, owned: InventoryEntry?,
                          session: BotSession) async throws(ResourceError) -> ApplyOutcome {
        var writes = 0
        func write(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws(ResourceError) {
            try await session.call(method, parameters, failure: .applyFailed)
            writes += 1
        }
        let scopes = (desired?.attributes["commandScopes"]?.objectValue ?? [:])
            .merging(owned?.attributes["commandScopes"]?.objectValue ?? [:]) { declared, _ in declared }

        guard change.action != .delete, let desired else {
            for key in scopes.keys.sorted() where change.touches(ValueDiffer.join("commands", key)) {
                let entry = scopes[key]!
                try await write("deleteMyCommands", ["scope": entry["scope"] ?? .null, "language_code": entry["language"] ?? ""])
            }
            if change.fields.contains(where: { $0.path == "webhook_url" && ($0.before?.stringValue ?? "") != "" }) {
                try await write("deleteWebhook")
            }
            return ApplyOutcome(entry: nil, writes: writes)
        }

        let value = desired.value
        // Profile texts: one call per (language, text) that changed.
        let textMethods = [("name", "setMyName", "name"), ("description", "setMyDescription", "description"),
                           ("short_description", "setMyShortDescription", "short_description")]
        var languages = Set<String>()
        for field in change.fields where field.path.hasPrefix("profile.") {
            languages.insert(String(field.path.dropFirst("profile.".count).prefix { $0 != "." }))
        }
        for language in languages.sorted() {
            for (key, method, parameter) in textMethods {
                let path = ValueDiffer.join(ValueDiffer.join("profile", language), key)
                // Only texts that differ are listed, but a removed text and an empty one mean the same.
                guard let field = change.fields.first(where: { $0.path == path }),
                      (field.before?.stringValue ?? "") != (field.after?.stringValue ?? "") else { continue }
                try await write(method, [parameter: value["profile"]?[language]?[key] ?? "",
                                         "language_code": .string(language == TelegramValues.defaultLanguage ? "" : language)])
            }
        }
        // Command sets: set what is declared, delete what is no longer.
        let declared = value["commands"]?.objectValue ?? [:]
        for key in scopes.keys.sorted() where change.touches(ValueDiffer.join("commands", key)) {
            guard let entry = scopes[key] else { continue }
            let scope = entry["scope"] ?? .null, language = entry["language"] ?? ""
            if let commands = declared[key] {
                try await write("setMyCommands", ["commands": commands, "scope": scope, "language_code": language])
            } else {
                try await write("deleteMyCommands", ["scope": scope, "language_code": language])
            }
        }
        if change.touches("menu_button"), let menu = value["menu_button"] {
            var button: [String: JSONValue] = ["type": menu["type"] ?? "default"]
            if menu["type"]?.stringValue == "web_app" {
                button["text"] = menu["text"]
                button["web_app"] = .object(["url": menu["url"] ?? ""])
            }
            try await write("setChatMenuButton", ["menu_button": .object(button)])
        }
        for (audience, forChannels) in [("groups", false), ("channels", true)]
        where change.touches("administrator_rights.\(audience)") {
            try await write("setMyDefaultAdministratorRights", [
                "rights": value["administrator_rights"]?[audience] ?? .object([:]), "for_channels": .bool(forChannels)])
        }
        if change.touches("webhook_url") {
            try await write("deleteWebhook")
        }
        return ApplyOutcome(entry: InventoryEntry(address: change.address, attributes: desired.attributes,
                                                  dependsOn: desired.dependsOn), writes: writes)
    }

    private func applyWebhook(_ change: Change, desired: DesiredResource?, session: BotSession,
                              context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard change.action != .delete, let desired else {
            try await session.call("deleteWebhook", failure: .applyFailed)
            return ApplyOutcome(entry: nil, writes: 1)
        }
        guard let input = desired.input(as: WebhookInput.self) else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "the webhook's desired resource lacks its input")
        }
        var parameters: [String: JSONValue] = [
            "url": desired.value["url"] ?? "",
            "max_connections": desired.value["max_connections"] ?? .int(TelegramRules.defaultMaxConnections),
            "allowed_updates": desired.value["allowed_updates"] ?? .array([]),
        ]
        if let ip = desired.value["ip_address"]?.stringValue, !ip.isEmpty { parameters["ip_address"] = .string(ip) }
        var fingerprints: [String: String] = [:]
        if let reference = input.secretToken {
            let secret = try context.resolve(reference, for: change.address)
            parameters["secret_token"] = .string(secret)
            fingerprints["secret_token"] = context.fingerprinter.fingerprint(secret)
        }
        // Dropping pending updates goes with setting the webhook, never on its own, so a
        // converged webhook is not re-set on every run just to drop updates.
        if input.dropPendingUpdates { parameters["drop_pending_updates"] = .bool(true) }
        try await session.call("setWebhook", parameters, failure: .applyFailed)
        var attributes = desired.attributes
        attributes["url"] = desired.value["url"]
        return ApplyOutcome(entry: InventoryEntry(address: change.address, fingerprints: fingerprints,
                                                  attributes: attributes, dependsOn: desired.dependsOn), writes: 1)
    }
}

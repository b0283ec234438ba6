import Reconciler
import Spec

/// The calls that make one bot's settings what its change says, in order, counted: only what the
/// change touches is sent.
struct BotWriter {
    let session: BotSession
    let change: Change
    private(set) var writes = 0

    init(session: BotSession, change: Change) {
        self.session = session
        self.change = change
    }

    mutating func write(_ method: String, _ parameters: [String: JSONValue] = [:],
                        files: [TelegramUpload] = []) async throws(ResourceError) {
        try await session.call(method, parameters, files: files, failure: .applyFailed)
        writes += 1
    }

    /// Profile texts: one call per (language, text) that changed.
    mutating func texts(_ value: JSONValue) async throws(ResourceError) {
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
    }

    /// Command sets: set what is declared, delete what is no longer.
    mutating func commands(_ value: JSONValue, scopes: [String: JSONValue]) async throws(ResourceError) {
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
    }

    /// One `setMySettings` with the settings that differ; one no longer managed is not sent.
    mutating func settings() async throws(ResourceError) {
        var parameters: [String: JSONValue] = [:]
        for field in change.fields where field.path.hasPrefix("settings.") {
            guard let after = field.after else { continue }
            parameters[String(field.path.dropFirst("settings.".count))] = after
        }
        guard !parameters.isEmpty else { return }
        try await write("setMySettings", parameters)
    }

    /// The menu button and the default administrator rights for groups and for channels.
    mutating func menuAndRights(_ value: JSONValue) async throws(ResourceError) {
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
    }
}

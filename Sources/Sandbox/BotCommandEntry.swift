import Foundation

/// One `BotCommand` as stored: trimmed, without a leading slash.
struct BotCommandEntry: Sendable, Equatable {
    var command: String
    var description: String
    /// `is_ephemeral` (Bot API 10.3): the command answers with a message only its sender sees.
    var isEphemeral = false

    /// Most commands one list may hold.
    static let maxCount = 100

    /// The `BotCommand` object; `is_ephemeral` only when true, as Telegram leaves out false optional booleans.
    var json: SandboxJSON {
        var members: [String: SandboxJSON] = ["command": .string(command), "description": .string(description)]
        if isEphemeral { members["is_ephemeral"] = .bool(true) }
        return .object(members)
    }

    /// Parses the `commands` parameter like the Bot API server's `get_bot_commands` (JSON shape only).
    /// An empty parameter is an empty list.
    static func parseList(_ text: String) throws(SandboxAPIError) -> [BotCommandEntry] {
        if text.isEmpty { return [] }
        guard let value = SandboxJSON.parse(text) else { throw .badRequest("can't parse commands JSON object") }
        guard case .array(let elements) = value else { throw .badRequest("expected an Array of BotCommand") }
        var entries: [BotCommandEntry] = []
        for element in elements {
            guard case .object(let members) = element else { throw .badRequest("can't parse BotCommand: expected an Object") }
            let reader = JSONFieldReader(members)
            do throws(JSONFieldReader.FieldError) {
                entries.append(BotCommandEntry(
                    command: try reader.requiredString("command"),
                    description: try reader.requiredString("description"),
                    isEphemeral: try reader.optionalBool("is_ephemeral")
                ))
            } catch {
                throw .badRequest("can't parse BotCommand: \(error.message)")
            }
        }
        return entries
    }

    /// Normalizes and checks a list the way TDLib (`set_commands`) and then Telegram do:
    /// trims, drops a leading `/`, checks lengths, then the count and the command alphabet.
    static func validated(_ entries: [BotCommandEntry]) throws(SandboxAPIError) -> [BotCommandEntry] {
        var result: [BotCommandEntry] = []
        for entry in entries {
            var command = entry.command.trimmingCharacters(in: .whitespacesAndNewlines)
            if command.hasPrefix("/") { command.removeFirst() }
            if command.isEmpty { throw .badRequest("command must be non-empty") }
            if command.unicodeScalars.count > 32 { throw .badRequest("command length must not exceed 32") }
            let description = entry.description.trimmingCharacters(in: .whitespacesAndNewlines)
            if description.isEmpty { throw .badRequest("command description must be non-empty") }
            if description.unicodeScalars.count > 256 {
                throw .badRequest("command description length must not exceed 256")
            }
            result.append(BotCommandEntry(command: command, description: description, isEphemeral: entry.isEphemeral))
        }
        if result.count > maxCount { throw .badRequest("BOT_COMMANDS_TOO_MUCH") }
        for entry in result where !entry.command.unicodeScalars.allSatisfy(isCommandScalar) {
            throw .badRequest("BOT_COMMAND_INVALID")
        }
        return result
    }

    private static func isCommandScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }
}

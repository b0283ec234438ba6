import Spec
import Testing
@testable import Drivers

/// Fields a later Bot API adds, that botops does not know yet, never show as drift.
@Suite("Telegram: fields botops does not know are not drift", .timeLimit(.minutes(5)))
struct TelegramUnknownFieldsTests {
    @Test func rightsWithAFieldFromTheFutureEqualTheDeclaredOnes() {
        var observed = TelegramValues.rights(["can_pin_messages": true, "can_send_welcome_messages": true]).objectValue ?? [:]
        observed["can_manage_holograms"] = .bool(true)
        #expect(TelegramValues.rights(observed: .object(observed))
                == TelegramValues.rights(["can_pin_messages": true, "can_send_welcome_messages": true]))
    }

    @Test func commandsWithAFieldFromTheFutureEqualTheDeclaredOnes() {
        let observed: JSONValue = .array([
            .object(["command": "start", "description": "Start", "is_ephemeral": .bool(false), "emoji": "🚀"]),
            .object(["command": "secret", "description": "Only you see it", "is_ephemeral": .bool(true)]),
        ])
        let declared = TelegramValues.commands([
            BotCommand(command: "start", description: "Start"),
            BotCommand(command: "secret", description: "Only you see it", isEphemeral: true),
        ])
        #expect(TelegramValues.commands(observed: observed) == declared)
    }
}

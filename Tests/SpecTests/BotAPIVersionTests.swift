import Testing
@testable import Spec

@Suite("Bot API versions: 10.3 is 10.1 plus its changes, and a config may use them", .timeLimit(.minutes(1)))
struct BotAPIVersionTests {
    @Test func tenThreeIsTenOnePlusWhatItAdded() {
        let old = BotAPIVersion.v10_1, new = BotAPIVersion.v10_3
        #expect(old.version == "10.1" && new.version == "10.3")
        #expect(new.updateTypes == old.updateTypes + ["subscription", "stopped_message_generation"])
        #expect(new.optInUpdateTypes == ["chat_member", "message_reaction", "message_reaction_count"])
        #expect(new.defaultUpdateTypes == old.defaultUpdateTypes + ["subscription", "stopped_message_generation"],
                "the new types are delivered without being asked for")
        #expect(new.administratorRightsFields == old.administratorRightsFields + ["can_send_welcome_messages"])
        #expect(old.botCommandFields == ["command", "description"])
        #expect(new.botCommandFields == ["command", "description", "is_ephemeral"])
    }

    @Test func theRulesAreThoseOfTheCurrentVersion() {
        #expect(BotAPIVersion.current == .v10_5)
        #expect(TelegramRules.updateTypes == BotAPIVersion.current.updateTypes)
        #expect(TelegramRules.optInUpdateTypes == BotAPIVersion.current.optInUpdateTypes)
        #expect(TelegramRules.defaultUpdateTypes == BotAPIVersion.current.defaultUpdateTypes)
        #expect(TelegramRules.administratorRightsFields == BotAPIVersion.current.administratorRightsFields)
        #expect(TelegramRules.botCommandFields == BotAPIVersion.current.botCommandFields)
    }

    @Test func aNextVersionAppendsEachNameOnce() {
        let next = BotAPIVersion.v10_3.adding(version: "10.4", updateTypes: ["message", "future_update"],
                                               optInUpdateTypes: ["future_update"])
        #expect(next.version == "10.4")
        #expect(next.updateTypes == BotAPIVersion.v10_3.updateTypes + ["future_update"])
        #expect(next.defaultUpdateTypes == BotAPIVersion.v10_3.defaultUpdateTypes)
        #expect(next.administratorRightsFields == BotAPIVersion.v10_3.administratorRightsFields)
        #expect(next.botCommandFields == BotAPIVersion.v10_3.botCommandFields)
    }

    static let bot = """
        apiVersion: botops/v1
        kind: Bot
        metadata:
          name: pingme
        spec:
          token:
            fromEnv: PINGME_TOKEN
        """

    static func webhook(allowedUpdates: String) -> String {
        """
        apiVersion: botops/v1
        kind: Webhook
        metadata:
          name: pingme
        spec:
          bot: pingme
          url: https://pingme.example.com/telegram/webhook
          secretToken:
            fromEnv: PINGME_WEBHOOK_SECRET
          allowedUpdates: \(allowedUpdates)
        """
    }

    @Test func aWebhookMayAskForTheUpdateTypesOfTenThree() throws {
        let result = SpecTestSupport.load([
            "bot.yaml": Self.bot,
            "webhook.yaml": Self.webhook(allowedUpdates: "[message, subscription, stopped_message_generation]"),
        ])
        #expect(SpecTestSupport.lines(result) == [])
        let webhook = try #require(result.state?.webhooks.first)
        #expect(webhook.allowedUpdates == ["message", "subscription", "stopped_message_generation"])
    }

    @Test func aMisspeltNewUpdateTypeIsSuggested() {
        let result = SpecTestSupport.load(["bot.yaml": Self.bot, "webhook.yaml": Self.webhook(allowedUpdates: "[subscriptions]")])
        #expect(result.state == nil)
        #expect(result.diagnostics.map(\.message) == ["'subscriptions' is not a Telegram update type; did you mean 'subscription'?"])
    }

    @Test func theWelcomeMessagesRightIsDeclarable() throws {
        let bot = Self.bot + """

              administratorRights:
                groups:
                  canSendWelcomeMessages: true
                channels:
                  canPostMessages: true
                  canSendWelcomeMessages: false
            """
        let result = SpecTestSupport.load(["bot.yaml": bot])
        #expect(SpecTestSupport.lines(result) == [])
        let rights = try #require(result.state?.bots.first?.administratorRights)
        #expect(rights.groups == ["can_send_welcome_messages": true])
        #expect(rights.channels == ["can_post_messages": true, "can_send_welcome_messages": false])
    }

    @Test func aMisspeltWelcomeMessagesRightIsSuggested() {
        let bot = Self.bot + """

              administratorRights:
                groups:
                  canSendWelcomeMessage: true
            """
        let result = SpecTestSupport.load(["bot.yaml": bot])
        #expect(SpecTestSupport.lines(result) == [
            "bot.yaml:10:7: error: unknown field 'canSendWelcomeMessage' in 'spec.administratorRights.groups'; "
                + "did you mean 'canSendWelcomeMessages'?",
        ])
    }

    static func commands(_ entries: String) -> String {
        bot + """

              commands:
                - commands:
            \(entries)
            """
    }

    @Test func aCommandMayBeEphemeral() throws {
        let result = SpecTestSupport.load(["bot.yaml": Self.commands("""
                    - command: start
                      description: Start
                      isEphemeral: true
                    - command: help
                      description: Help
            """)])
        #expect(SpecTestSupport.lines(result) == [])
        let set = try #require(result.state?.bots.first?.commands.first)
        #expect(set.commands == [
            BotCommand(command: "start", description: "Start", isEphemeral: true),
            BotCommand(command: "help", description: "Help"),
        ])
        #expect(set.commands.last?.isEphemeral == false, "false unless declared")
    }

    @Test func aNonBooleanIsEphemeralIsReportedAtTheValue() {
        let result = SpecTestSupport.load(["bot.yaml": Self.commands("""
                    - command: start
                      description: Start
                      isEphemeral: "true"
            """)])
        #expect(result.state == nil)
        #expect(SpecTestSupport.lines(result) == [
            "bot.yaml:12:24: error: 'spec.commands[0].commands[0].isEphemeral' must be a boolean (true or false), not a string",
        ])
    }

    @Test func ephemeralWithoutIsIsAnUnknownFieldWithASuggestion() {
        let result = SpecTestSupport.load(["bot.yaml": Self.commands("""
                    - command: start
                      description: Start
                      ephemeral: true
            """)])
        #expect(result.state == nil)
        #expect(result.diagnostics.map(\.message) == [
            "unknown field 'ephemeral' in 'spec.commands[0].commands[0]'; did you mean 'isEphemeral'?",
        ])
    }

    @Test func version10_5MovesGetMeFieldsOutOfUserAndAddsTheSettings() {
        let old = BotAPIVersion.v10_3, new = BotAPIVersion.v10_5
        #expect(old.userFields.contains("can_read_all_group_messages"))
        #expect(new.userFields == ["id", "is_bot", "first_name", "last_name", "username", "language_code", "is_premium",
                                   "added_to_attachment_menu"], "10.5 removes what only getMe returned")
        #expect(old.botSettings.isEmpty)
        #expect(new.updateTypes == old.updateTypes, "10.4 and 10.5 add no update type botops knows of")
        // Spec's settings are exactly the version's setMySettings parameters.
        #expect(Set(BotSetting.allCases.map(\.parameter)) == Set(new.botSettings))
        #expect(new.botSettings.count == BotSetting.allCases.count)
    }
}

import Sandbox
import Testing

/// Bot API 10.5: `setMySettings` changes what it names, `getMe` reports it as `BotFullInfo`, and three
/// settings are kept but never reported.
@Suite("Bot settings: setMySettings and getMe's BotFullInfo", .timeLimit(.minutes(1)))
struct BotSettingsTests {
    @Test("a new bot reports BotFather's defaults as BotFullInfo")
    func defaults() async throws {
        try await SandboxHarness.with { api async throws in
            let me = try #require(try await api.call("getMe").result)
            #expect(me["can_join_groups"] == true)
            #expect(me["can_read_all_group_messages"] == false)
            #expect(me["supports_inline_queries"] == false)
            #expect(me["inline_query_placeholder"] == "")
            #expect(me["has_topic_sidebar"] == false)
            #expect(me["active_usernames"] == ["alpha_bot"])
            for hidden in ["inline_feedback_share_denominator", "can_communicate_with_bots", "callback_query_mode"] {
                #expect(me[hidden] == nil, "\(hidden) is never reported")
            }
        }
    }

    @Test("only the settings named change, in every encoding")
    func onlyNamedSettingsChange() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("setMySettings", ["can_read_all_group_messages": true, "supports_inline_queries": true,
                                                         "inline_query_placeholder": "Search..."], encoding: .form).result == true)
            #expect(try await api.call("setMySettings", ["can_join_groups": false], encoding: .json).ok)
            let me = try #require(try await api.call("getMe").result)
            #expect(me["can_read_all_group_messages"] == true)
            #expect(me["supports_inline_queries"] == true)
            #expect(me["inline_query_placeholder"] == "Search...")
            #expect(me["can_join_groups"] == false)
            #expect(me["needs_inline_query_location"] == false, "not named, not changed")
        }
    }

    @Test("the topic sidebar is reported only while topics are enabled")
    func sidebarNeedsTopics() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await api.call("setMySettings", ["has_topic_sidebar": true]).ok, "accepted, as Telegram does")
            #expect(try await api.call("getMe").result?["has_topic_sidebar"] == false)
            #expect(try await api.call("setMySettings", ["has_topics_enabled": true]).ok)
            #expect(try await api.call("getMe").result?["has_topic_sidebar"] == true)
        }
    }

    @Test("invalid values are refused and change nothing", arguments: [
        (["inline_feedback_share_denominator": 7, "can_join_groups": false] as SandboxJSON,
         "Bad Request: invalid inline feedback share denominator specified"),
        (["callback_query_mode": "sometimes", "can_join_groups": false], "Bad Request: unsupported callback query mode specified"),
        (["inline_query_placeholder": .string(String(repeating: "x", count: 65)), "can_join_groups": false],
         "Bad Request: inline query placeholder is too long"),
    ] as [(SandboxJSON, String)])
    func invalidValues(parameters: SandboxJSON, expected: String) async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("setMySettings", parameters.objectValue ?? [:])
            #expect(answer.status == 400)
            #expect(answer.description == expected)
            #expect(try await api.call("getMe").result?["can_join_groups"] == true, "a refused call changes nothing")
        }
    }

    @Test("the write-only settings are accepted with their valid values")
    func writeOnlySettings() async throws {
        try await SandboxHarness.with { api async throws in
            for denominator in [0, 1, 10, 100, 1000] {
                #expect(try await api.call("setMySettings", ["inline_feedback_share_denominator": .int(Int64(denominator))]).ok)
            }
            for mode in ["default", "auto", "inline"] {
                #expect(try await api.call("setMySettings", ["callback_query_mode": .string(mode)]).ok)
            }
            #expect(try await api.call("setMySettings", ["can_communicate_with_bots": true]).ok)
        }
    }
}

import Spec
import Testing

/// The Project's `notifications`: what each channel reads as, and what is refused (the refusals with
/// one mistake each are in the invalid corpus, 79 to 82).
@Suite("Project notifications", .timeLimit(.minutes(1)))
struct NotificationChannelTests {
    static let bot = """
        apiVersion: botops/v1
        kind: Bot
        metadata: {name: opsbot}
        spec:
          token: {fromEnv: OPSBOT_TOKEN}
        """

    static func load(_ notifications: String) -> LoadResult {
        SpecTestSupport.load(["bot.yaml": bot, "botops.yaml": """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: notify}
            spec:
              notifications:
            \(notifications)
            """])
    }

    @Test func channelsReadWithEveryEventByDefault() throws {
        let loaded = Self.load("""
                - telegram: {bot: opsbot, chatId: "-1001987654321"}
                - telegram: {bot: opsbot, chatId: "@acme_ops", events: [applied, leader-changed]}
                - webhook: {url: "http://127.0.0.1:9000/hook", secret: {fromEnv: HOOK_SECRET}, events: [pass-failed]}
            """)
        #expect(SpecTestSupport.lines(loaded).isEmpty, "\(SpecTestSupport.lines(loaded))")
        let channels = try #require(loaded.state?.project.notifications)
        #expect(channels.count == 3)
        #expect(channels[0].destination == .telegram(bot: "opsbot", chat: .id(-1001987654321)), "a quoted id is the number it is")
        #expect(channels[0].events == Set(NotificationEvent.allCases))
        #expect(channels[1].destination == .telegram(bot: "opsbot", chat: .username("@acme_ops")))
        #expect(channels[1].events == [.applied, .leaderChanged])
        guard case let .webhook(url, secret) = channels[2].destination else { Issue.record("not a webhook"); return }
        #expect(url == "http://127.0.0.1:9000/hook", "plain http to loopback needs no warning")
        #expect(secret.description.contains("HOOK_SECRET"))
        #expect(channels[2].name == "webhook:127.0.0.1", "no path: some receivers take one as a credential")
    }

    @Test func problemsAreReportedWhereTheyAreAllAtOnce() {
        let loaded = Self.load("""
                - webhook: {url: "https://ops:hunter2@hooks.example.org/botops", secret: {fromEnv: HOOK_SECRET}}
                - webhook: {url: "http://hooks.example.org/botops", secret: {fromEnv: HOOK_SECRET}}
                - telegram: {bot: opsbot, chatId: ops-chat, events: []}
                - {}
                - email: {to: ops@example.org}
            """)
        let lines = SpecTestSupport.lines(loaded)
        #expect(lines == [
            "botops.yaml:6:22: error: 'spec.notifications[0].webhook.url' holds credentials, which never go into git; "
                + "authenticate the receiver with the signature of 'secret' instead",
            "botops.yaml:7:22: warning: 'spec.notifications[1].webhook.url' is plain http: notifications (revisions, "
                + "resource names) travel in clear; use https",
            "botops.yaml:8:39: error: 'spec.notifications[2].telegram.chatId' must be a numeric chat id or an @username",
            "botops.yaml:8:57: error: 'spec.notifications[2].telegram.events' is empty, so nothing would be sent; leave it out for every event",
            "botops.yaml:9:7: error: 'spec.notifications[3]' must have exactly one of telegram: {bot, chatId} or webhook: {url, secret}",
            "botops.yaml:10:7: error: 'spec.notifications[4]' must have exactly one of telegram: {bot, chatId} or webhook: {url, secret}",
            "botops.yaml:10:7: error: unknown field 'email' in 'spec.notifications[4]'",
        ], "\(lines)")
        #expect(!lines.joined().contains("hunter2"), "the password in the URL is not repeated")
        #expect(loaded.state == nil)
    }
}

import Drivers
import Foundation
import Reconciler
import Spec
import Testing

@Suite("Docker: a container's secrets never reach a plan, an error or the state", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DockerSecretTests {
    static let secret = "s3cr3t-value-that-must-not-leak"
    static let token = "7000123:AAHdemoTokenThatACrashingBotLogs_abcdefgh"

    @Test(arguments: TestEngine.all)
    func secretsStayOutOfPlansErrorsAndState(engine: TestEngine) async throws {
        let h = try DockerHarness(engine, environment: ["APP_SECRET": Self.secret, "APP_TOKEN": Self.token])
        defer { Task { await h.shutdown() } }
        let secretEnv = """
              env:
                API_KEY: {fromEnv: APP_SECRET}
                BOT_TOKEN: {fromEnv: APP_TOKEN}
            """
        try h.write("c.yaml", h.containerYAML("worker", extra: secretEnv))
        let (first, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await h.env(of: h.name("worker"))["API_KEY"] == Self.secret, "the process gets the value")

        // The successor crashes printing its configuration, as bots do: the error shows neither value.
        try h.write("c.yaml", h.containerYAML("worker", command: #"[sh, -c, "echo key=$API_KEY url=https://api.telegram.org/bot$BOT_TOKEN/getMe; exit 4"]"#,
                                              extra: secretEnv))
        let (crashPlan, crash) = try await h.apply()
        let message = try #require(crash?.failures.first?.message)
        #expect(message.contains("key=***"), "\(message)")
        #expect(!message.contains(Self.secret) && !message.contains(Self.token), "\(message)")

        // git turns the secret into a plain value: the live secret is shown as a fingerprint, never in clear.
        try h.write("c.yaml", h.containerYAML("worker", extra: """
              env:
                API_KEY: placeholder
                BOT_TOKEN: {fromEnv: APP_TOKEN}
            """))
        let plain = try await h.plan()
        let texts = [TextPlanRenderer().render(plain), try JSONPlanRenderer().render(plain), TextPlanRenderer().render(first),
                     TextPlanRenderer().render(crashPlan)]
        for text in texts {
            #expect(!text.contains(Self.secret) && !text.contains(Self.token))
        }
        let state = try String(contentsOfFile: h.folder + "/.botops/state.json", encoding: .utf8)
        let history = try String(contentsOfFile: h.folder + "/.botops/state.json.history", encoding: .utf8)
        #expect(!state.contains(Self.secret) && !state.contains(Self.token))
        #expect(!history.contains(Self.secret) && !history.contains(Self.token))
    }
}

import Sandbox
import Testing

@Suite("Configuration parsing", .timeLimit(.minutes(1)))
struct ConfigurationParsingTests {
    @Test("--bot TOKEN[=username]")
    func botOption() throws {
        #expect(try SandboxBot.parseOption(TestBots.alpha.token) == SandboxBot(token: TestBots.alpha.token))
        #expect(try SandboxBot.parseOption("\(TestBots.alpha.token)=@alpha_bot") == TestBots.alpha)
        let error = #expect(throws: SandboxConfigurationError.self) { try SandboxBot.parseOption("42:short=alpha") }
        #expect(error?.code == .malformedToken)
        #expect(error.map { !$0.message.contains("42:short") } ?? false)
    }

    @Test("bots file: TOKEN username per line, comments and blank lines ignored")
    func botsFile() throws {
        let contents = """
        # staging bots
        \(TestBots.alpha.token) alpha_bot

        \(TestBots.beta.token)   # no username
        """
        let bots = try SandboxBot.parseBotsFile(contents, path: "bots.txt")
        #expect(bots == [TestBots.alpha, TestBots.beta])
    }

    @Test("bots file errors name the file and line, never the token")
    func botsFileErrors() {
        let malformed = #expect(throws: SandboxConfigurationError.self) {
            try SandboxBot.parseBotsFile("# header\n123:NotLongEnoughSecret alpha\n", path: "bots.txt")
        }
        #expect(malformed?.message.hasPrefix("bots.txt:2: ") == true)
        #expect(malformed.map { !$0.message.contains("NotLongEnoughSecret") } ?? false)
        let extra = #expect(throws: SandboxConfigurationError.self) {
            try SandboxBot.parseBotsFile("\(TestBots.alpha.token) alpha extra\n", path: "bots.txt")
        }
        #expect(extra?.message == "bots.txt:1: expected 'TOKEN username', found 3 fields")
    }

    static let tokenShapes: [(String, Bool)] = [
        (TestBots.alpha.token, true),
        ("1:" + String(repeating: "a", count: 30), true),
        ("1:" + String(repeating: "a", count: 29), false),
        ("12345678901234567890:" + String(repeating: "_", count: 30), true),
        ("123456789012345678901:" + String(repeating: "a", count: 30), false),
        (":" + String(repeating: "a", count: 30), false),
        ("12:" + String(repeating: "a", count: 29) + "!", false),
        ("abc:" + String(repeating: "a", count: 30), false),
    ]

    @Test("token shape", arguments: tokenShapes)
    func tokenShape(token: String, wellFormed: Bool) {
        #expect(SandboxBot.isWellFormedToken(token) == wellFormed)
    }

    @Test("latency and failure kinds")
    func latencyAndKinds() throws {
        #expect(try SandboxConfiguration.parseLatency("50ms") == .milliseconds(50))
        #expect(try SandboxConfiguration.parseLatency("1.5s") == .milliseconds(1500))
        #expect(try SandboxConfiguration.parseLatency("250us") == .microseconds(250))
        #expect(try SandboxConfiguration.parseLatency("20") == .milliseconds(20))
        #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.parseLatency("fast") }
        #expect(try SandboxFailure.parseList("429, drop") == [.tooManyRequests, .drop])
        #expect(try SandboxFailure.parseList("429,500,drop") == SandboxFailure.quick)
        #expect(try SandboxFailure.parseList("429,500,drop,slow") == Set(SandboxFailure.allCases))
        #expect(SandboxConfiguration().failKinds == SandboxFailure.quick, "a slow answer is asked for by name")
        #expect(try SandboxConfiguration.parseSlowAnswer("2s") == .seconds(2))
        #expect(throws: SandboxConfigurationError.self) { try SandboxFailure.parseList("503") }
    }

    @Test("the setWebhook interval: Telegram's second by default, written like a latency, 0 for none")
    func webhookSetInterval() throws {
        #expect(SandboxConfiguration().webhookSetInterval == .seconds(1))
        #expect(try SandboxConfiguration.parseWebhookSetInterval("1s") == .seconds(1))
        #expect(try SandboxConfiguration.parseWebhookSetInterval("250ms") == .milliseconds(250))
        #expect(try SandboxConfiguration.parseWebhookSetInterval("0") == .zero)
        let error = #expect(throws: SandboxConfigurationError.self) { try SandboxConfiguration.parseWebhookSetInterval("soon") }
        #expect(error?.code == .invalidWebhookSetInterval)
    }

    @Test("validation", arguments: [
        SandboxConfiguration(failRate: 1.5),
        SandboxConfiguration(failKinds: []),
        SandboxConfiguration(retryAfter: 0),
        SandboxConfiguration(latency: .milliseconds(-1)),
        SandboxConfiguration(webhookSetInterval: .milliseconds(-1)),
    ])
    func validation(configuration: SandboxConfiguration) {
        #expect(throws: SandboxConfigurationError.self) { try configuration.validate() }
    }
}

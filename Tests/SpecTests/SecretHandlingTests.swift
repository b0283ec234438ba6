import Foundation
import Testing
@testable import Spec

@Suite("Secrets are references, never values", .timeLimit(.minutes(1)))
struct SecretHandlingTests {
    static func bot(token: String) -> String {
        "apiVersion: botops/v1\nkind: Bot\nmetadata:\n  name: pingme\nspec:\n  token: \(token)\n"
    }

    @Test func aLiteralTokenIsReportedOnceAtItsValue() {
        let result = SpecTestSupport.load(["bot.yaml": Self.bot(token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ")])
        #expect(SpecTestSupport.lines(result) == [
            "bot.yaml:6:10: error: 'spec.token' is written in clear; secrets never go into git: reference it with {fromEnv: NAME} or {fromFile: /path}",
        ])
    }

    @Test func aTokenAnywhereElseIsFound() {
        let container = """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: worker}
            spec:
              image: busybox
              labels: {note: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"}
            """
        let result = SpecTestSupport.load(["c.yaml": container])
        #expect(result.diagnostics.map(\.code) == [.literalSecret])
        #expect(result.diagnostics.first?.location == SourceLocation(file: "c.yaml", line: 6, column: 18))
    }

    @Test func validateNeverResolvesSecrets() {
        let result = SpecTestSupport.load(["bot.yaml": Self.bot(token: "{fromEnv: BOTOPS_TEST_NEVER_SET_VARIABLE}")])
        #expect(result.isValid)
    }

    @Test func checkReportsEachUnresolvableReferenceAtItsLocation() throws {
        let result = SpecTestSupport.load(["bot.yaml": Self.bot(token: "{fromEnv: MISSING_TOKEN}")])
        let state = try #require(result.state)
        let diagnostics = SecretResolver(environment: [:]).check(state)
        #expect(diagnostics.map { "\($0.location): \($0.message)" } == [
            "bot.yaml:6:10: environment variable MISSING_TOKEN is not set; export it before running botops",
        ])
    }

    @Test func checkRejectsAValueThatIsNotAToken() throws {
        let state = try #require(SpecTestSupport.load(["bot.yaml": Self.bot(token: "{fromEnv: T}")]).state)
        let bad = SecretResolver(environment: ["T": "not-a-token"]).check(state)
        #expect(bad.count == 1)
        #expect(!bad[0].message.contains("not-a-token"), "the value itself is never printed")
        let good = SecretResolver(environment: ["T": "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ"]).check(state)
        #expect(good.isEmpty)
    }

    @Test func fileReferencesDropOneTrailingNewline() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("botops-secret-\(UUID().uuidString)").path
        try "s3cr3t\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let reference = SecretReference(.file(path), location: SourceLocation(file: "x", line: 1, column: 1))
        #expect(try SecretResolver(environment: [:]).resolve(reference) == "s3cr3t")
    }
}

@Suite("Token detection inside longer strings", .timeLimit(.minutes(1)))
struct TokenDetectionTests {
    @Test(arguments: [
        "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ",
        "https://api.telegram.org/bot123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ/getMe",
        "TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ",
    ])
    func found(_ text: String) {
        #expect(TelegramRules.containsBotToken(text))
    }

    @Test(arguments: [
        "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        "postgres://u@db:5432/botops",
        "12:30",
        "image@sha256:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsawQ",
    ])
    func notFound(_ text: String) {
        #expect(!TelegramRules.containsBotToken(text))
    }
}

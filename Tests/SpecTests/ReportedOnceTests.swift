import Testing
@testable import Spec

@Suite("One mistake, one diagnostic", .timeLimit(.minutes(1)))
struct ReportedOnceTests {
    @Test func aBadLanguageIsNotAlsoADuplicateSet() {
        let result = SpecTestSupport.load(["bot.yaml": """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: pingme}
            spec:
              token: {fromEnv: PINGME_TOKEN}
              commands:
                - commands: [{command: start, description: Start}]
                - language: rus
                  commands: [{command: start, description: Start}]
            """])
        #expect(SpecTestSupport.lines(result) == [
            "bot.yaml:8:17: error: 'spec.commands[1].language' must be two lowercase letters (ISO 639-1), like en or ru, not 'rus'",
        ])
    }

    @Test(arguments: ["Asia/Kolkata", "Europe/Moscow", "America/New_York", "UTC"])
    func zoneDatabaseNamesAreKnown(_ zone: String) {
        #expect(TimeZoneCatalog.isKnown(zone))
    }

    @Test(arguments: ["Mars/Olympus", "GMT+3", "Moscow"])
    func otherNamesAreNot(_ zone: String) {
        #expect(!TimeZoneCatalog.isKnown(zone))
    }
}

import Foundation
import Testing

/// `--format github` on the command line: validate's and plan's problems as workflow annotations
/// on standard output (where the runner reads them), and plan's changes at their declarations.
@Suite("validate and plan --format github", .timeLimit(.minutes(5)), .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct GitHubFormatCLITests {
    @Test func validateAndPlanAnnotateAnInvalidConfigurationAtTheMistake() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("webhooks/alpha.yaml", """
            apiVersion: botops/v1
            kind: Webhook
            metadata: {name: alpha}
            spec:
              bot: nobody
              url: https://example.org/hook
              secretToken: {fromEnv: ALPHA_SECRET}
            """)
        let parent = (fleet.folder as NSString).deletingLastPathComponent
        let folder = (fleet.folder as NSString).lastPathComponent
        let validated = try await BotopsProcess.run(["validate", folder, "--format", "github"], in: parent)
        #expect(validated.status == 1)
        #expect(validated.stdout.contains("::error file=\(folder)/webhooks/alpha.yaml,line=5,col=8,title=botops dangling-reference::"
                                          + "Webhook/alpha refers to Bot/nobody"), "\(validated.stdout)")

        let planned = try await BotopsProcess.run(["plan", folder, "--format", "github"], environment: fleet.environment, in: parent)
        #expect(planned.status == 1)
        #expect(planned.stdout.contains("::error file=\(folder)/webhooks/alpha.yaml,line=5,col=8,"), "\(planned.stdout)")
        #expect(planned.stdout.contains("::error title=botops invalid-configuration::"), "\(planned.stdout)")
        #expect(await fleet.writes().isEmpty)
    }

    @Test func planAnnotatesEachChangeAtItsDeclaration() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let planned = try await BotopsProcess.run(["plan", fleet.folder, "--format", "github", "--detailed-exitcode"],
                                                  environment: fleet.environment)
        #expect(planned.status == 2, "\(planned.stderr)")
        #expect(planned.stdout.contains("# Bot/alpha will be updated in-place"), "the text plan comes first: \(planned.stdout)")
        #expect(planned.stdout.contains("::notice file=\(fleet.folder)/bots/alpha.yaml,line="), "\(planned.stdout)")
        #expect(planned.stdout.contains("title=botops update Bot/alpha::Bot/alpha will be updated in-place"), "\(planned.stdout)")
        for token in fleet.tokens.values { #expect(!planned.stdout.contains(token)) }
    }
}

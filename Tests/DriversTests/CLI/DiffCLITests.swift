import Foundation
import Testing

/// `botops diff` between two commits of a real repository: field-level differences of what is
/// declared, reformatting counted as nothing, secrets as references only, every format, exit codes
/// like `plan --detailed-exitcode`, and an invalid revision refused with its diagnostics.
@Suite("botops diff of two revisions", .timeLimit(.minutes(5)), .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct DiffCLITests {
    static let project = """
        apiVersion: botops/v1
        kind: Project
        metadata: {name: shop}
        spec:
          telegram: {apiURL: "http://127.0.0.1:9"}
        """

    static func bot(_ name: String, title: String) -> String {
        """
        apiVersion: botops/v1
        kind: Bot
        metadata: {name: \(name)}
        spec:
          token: {fromEnv: \(name.uppercased())_TOKEN}
          profile: {name: "\(title)"}
        """
    }

    @Test func changesAdditionsAndRemovalsInEveryFormat() async throws {
        let repository = try await PushRepository()
        defer { repository.remove() }
        try repository.write("fleet/botops.yaml", Self.project)
        try repository.write("fleet/bots/alpha.yaml", Self.bot("alpha", title: "Alpha"))
        try repository.write("fleet/bots/gamma.yaml", Self.bot("gamma", title: "Gamma"))
        let base = try await repository.commit("Base")
        // alpha renamed and reformatted (keys reordered, a comment); beta added; gamma unchanged but moved.
        try repository.write("fleet/bots/alpha.yaml", """
            # the storefront bot
            kind: Bot
            apiVersion: botops/v1
            metadata:
              name: alpha
            spec:
              profile:
                name: Alpha Shop
              token:
                fromEnv: ALPHA_TOKEN
            """)
        try repository.write("fleet/bots/beta.yaml", Self.bot("beta", title: "Beta"))
        try FileManager.default.moveItem(atPath: repository.work + "/fleet/bots/gamma.yaml",
                                         toPath: repository.work + "/fleet/bots/zz-gamma.yaml")
        let head = try await repository.commit("Rename alpha, add beta")
        let secret = "7000001:AAHsecretsecretsecretsecretsecret12"
        let environment = ["ALPHA_TOKEN": secret, "BETA_TOKEN": secret]
        let arguments = ["diff", base, head, "--repo", repository.work, "--path", "fleet"]

        let text = try await BotopsProcess.run(arguments, environment: environment)
        #expect(text.status == 2, "\(text.stderr)")
        #expect(text.stdout.contains("# Bot/alpha is changed (fleet/bots/alpha.yaml:2:1)"), "\(text.stdout)")
        #expect(text.stdout.contains(#"~ spec.profile.name: "Alpha" -> "Alpha Shop""#), "\(text.stdout)")
        #expect(text.stdout.contains("# Bot/beta is added (fleet/bots/beta.yaml:1:1)"), "\(text.stdout)")
        #expect(text.stdout.contains(#"+ spec: {"profile":{"name":"Beta"},"token":{"fromEnv":"BETA_TOKEN"}}"#), "\(text.stdout)")
        #expect(!text.stdout.contains("gamma"), "a moved file declares the same: \(text.stdout)")
        #expect(!text.stdout.contains("apiVersion"), "reordered keys are no change")
        #expect(text.stdout.contains("Diff: 1 added, 1 changed, 0 removed."), "\(text.stdout)")

        let json = try await BotopsProcess.run(arguments + ["--format", "json"], environment: environment)
        #expect(json.status == 2)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let entries = try #require(document["entries"] as? [[String: Any]])
        #expect(entries.map { $0["address"] as? String } == ["Bot/alpha", "Bot/beta"])
        #expect(entries.map { $0["action"] as? String } == ["changed", "added"])
        #expect(document["base"] as? String == base && document["head"] as? String == head)

        let markdown = try await BotopsProcess.run(arguments + ["--format", "markdown"], environment: environment)
        #expect(markdown.stdout.contains("### botops diff `\(base.prefix(12))`..`\(head.prefix(12))`"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("| ~ | `Bot/alpha` (changed) | `spec.profile.name` |"), "\(markdown.stdout)")

        let github = try await BotopsProcess.run(arguments + ["--format", "github"], environment: environment)
        #expect(github.stdout.contains("::notice file=fleet/bots/beta.yaml,line=1,col=1,title=botops added Bot/beta::"), "\(github.stdout)")

        let back = try await BotopsProcess.run(["diff", head, base, "--repo", repository.work, "--path", "fleet"])
        #expect(back.status == 2)
        #expect(back.stdout.contains("# Bot/beta is removed (fleet/bots/beta.yaml:1:1)"), "\(back.stdout)")
        #expect(back.stdout.contains("- Bot/beta"), "\(back.stdout)")

        let same = try await BotopsProcess.run(["diff", base, base, "--repo", repository.work, "--path", "fleet"])
        #expect(same.status == 0)
        #expect(same.stdout.hasPrefix("No differences"), "\(same.stdout)")

        for output in [text, json, markdown, github] { #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret)) }
    }

    @Test func anInvalidRevisionIsRefusedWithItsDiagnostics() async throws {
        let repository = try await PushRepository()
        defer { repository.remove() }
        try repository.write("botops.yaml", Self.project)
        let base = try await repository.commit("Base")
        try repository.write("webhooks/hook.yaml", """
            apiVersion: botops/v1
            kind: Webhook
            metadata: {name: hook}
            spec:
              bot: nobody
              url: https://example.org/hook
            """)
        _ = try await repository.commit("A webhook of no bot")

        let text = try await BotopsProcess.run(["diff", base, "--repo", repository.work])
        #expect(text.status == 1)
        #expect(text.stderr.contains("webhooks/hook.yaml:5:8: error: Webhook/hook refers to Bot/nobody"), "\(text.stderr)")
        #expect(text.stderr.contains("HEAD ("), "\(text.stderr)")
        let github = try await BotopsProcess.run(["diff", base, "HEAD", "--repo", repository.work, "--format", "github"])
        #expect(github.status == 1)
        #expect(github.stdout.contains("::error file=webhooks/hook.yaml,line=5,col=8,title=botops dangling-reference::"), "\(github.stdout)")
        let unknown = try await BotopsProcess.run(["diff", "no-such-branch", "--repo", repository.work])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no-such-branch"), "\(unknown.stderr)")
    }
}

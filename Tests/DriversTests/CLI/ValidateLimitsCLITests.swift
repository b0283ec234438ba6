import Foundation
import Testing

/// `botops validate` on what a forked pull request could hold: a 2 KB alias bomb is refused with
/// one diagnostic (it used to take more than 30 s of CPU), and `--max-file-size` moves the size limit.
@Suite("validate: bounded input on the command line", .timeLimit(.minutes(5)))
struct ValidateLimitsCLITests {
    static func folder(_ files: [String: String]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-limits-\(UUID().uuidString)").path
        for (path, text) in files {
            let url = URL(fileURLWithPath: root + "/" + path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        return root
    }

    static let project = "apiVersion: botops/v1\nkind: Project\nmetadata: {name: limits}\n"

    @Test func aBillionLaughsIsRefusedWithItsLocation() async throws {
        var bomb = "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: laughs}\nx-lol:\n"
        bomb += #"  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"# + "\n"
        let levels = Array("abcdefghi")
        for index in 1..<levels.count {
            bomb += "  \(levels[index]): &\(levels[index]) [" + Array(repeating: "*\(levels[index - 1])", count: 9)
                .joined(separator: ",") + "]\n"
        }
        let root = try Self.folder(["botops.yaml": Self.project, "bots/laughs.yaml": bomb])
        defer { try? FileManager.default.removeItem(atPath: root) }

        let text = try await BotopsProcess.run(["validate", root])
        #expect(text.status == 1)
        #expect(text.stdout.contains("bots/laughs.yaml:10:"), "\(text.stdout)")
        #expect(text.stdout.contains("more than 100000 nodes"), "\(text.stdout)")
        let json = try await BotopsProcess.run(["validate", root, "--format", "json"])
        #expect(json.status == 1)
        #expect(json.stdout.contains(#""code" : "input-limit""#) || json.stdout.contains(#""code":"input-limit""#), "\(json.stdout)")
    }

    @Test func maxFileSizeMovesTheLimitAndABadSizeIsAUsageError() async throws {
        let bot = "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: big}\nspec:\n  token: {fromEnv: BIG_TOKEN}\n#"
            + String(repeating: "x", count: 2048) + "\n"
        let root = try Self.folder(["botops.yaml": Self.project, "bots/big.yaml": bot])
        defer { try? FileManager.default.removeItem(atPath: root) }

        let small = try await BotopsProcess.run(["validate", root, "--max-file-size", "1KiB"])
        #expect(small.status == 1)
        #expect(small.stdout.contains("bots/big.yaml:1:1") && small.stdout.contains("over the limit of 1024"), "\(small.stdout)")
        let raised = try await BotopsProcess.run(["validate", root, "--max-file-size", "4K"])
        #expect(raised.status == 0, "\(raised.stdout)\(raised.stderr)")
        let bad = try await BotopsProcess.run(["validate", root, "--max-file-size", "lots"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("--max-file-size: 'lots' is not a size"), "\(bad.stderr)")
    }
}

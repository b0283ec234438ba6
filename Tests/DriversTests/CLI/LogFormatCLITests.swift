import Foundation
import Testing

/// `--log-format json` on any command: every line on standard error is one JSON object; and an
/// apply's progress, one line per change without a terminal, rewritten in place on one.
@Suite("botops: --log-format json and apply progress", .timeLimit(.minutes(5)), .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct LogFormatCLITests {
    static func objects(_ stderr: String) throws -> [[String: String]] {
        try stderr.split(separator: "\n").map { line in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            return try #require(object, "not a JSON object of strings: \(line)")
        }
    }

    @Test func everyMessageOfAFailingCommandIsAJSONLine() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-logjson-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/bots", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "apiVersion: botops/v1\nkind: Project\nmetadata: {name: logs}\n".write(toFile: folder + "/botops.yaml", atomically: true, encoding: .utf8)
        try "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: alpha}\nspec: {tokn: {fromEnv: T}}\n"
            .write(toFile: folder + "/bots/alpha.yaml", atomically: true, encoding: .utf8)

        let text = try await BotopsProcess.run(["plan", folder])
        #expect(text.status == 1)
        #expect(text.stderr.contains("bots/alpha.yaml:4:8: error: unknown field 'tokn'"), "\(text.stderr)")

        let json = try await BotopsProcess.run(["plan", folder, "--log-format", "json"])
        #expect(json.status == 1)
        let lines = try Self.objects(json.stderr)
        #expect(lines.count >= 2, "\(json.stderr)")
        let unknown = try #require(lines.first { $0["code"] == "unknown-field" }, "\(lines)")
        #expect(unknown["level"] == "error")
        #expect(unknown["file"]?.hasSuffix("bots/alpha.yaml") == true)
        #expect(unknown["line"] == "4" && unknown["column"] == "8")
        #expect(lines.allSatisfy { $0["time"] != nil && $0["label"] == "botops" && $0["message"] != nil })

        let usage = try await BotopsProcess.run(["status", "--log-format", "yaml"])
        #expect(usage.status == 64 && usage.stderr.contains("--log-format"), "\(usage.stderr)")
    }

    @Test func applyShowsProgressAsLinesAsJSONAndInPlaceOnATerminal() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha", "beta"])
        defer { Task { await fleet.shutdown() } }
        for bot in ["alpha", "beta"] { try fleet.write("bots/\(bot).yaml", TelegramFleetHarness.botYAML(bot)) }
        let applied = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: fleet.environment)
        #expect(applied.status == 0, "\(applied.stderr)")
        let progress = applied.stderr.split(separator: "\n").filter { $0.hasPrefix("[") }.map(String.init).sorted()
        #expect(progress == ["[1/2] Bot/alpha: updated", "[2/2] Bot/beta: updated"]
            || progress == ["[1/2] Bot/beta: updated", "[2/2] Bot/alpha: updated"], "\(applied.stderr)")
        #expect(!applied.stderr.contains("\u{1B}["), "no control characters without a terminal")

        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha", description: "Does other things"))
        let json = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve", "--log-format", "json"],
                                               environment: fleet.environment)
        #expect(json.status == 0, "\(json.stderr)")
        let lines = try Self.objects(json.stderr)
        #expect(lines.map { "\($0["message"] ?? "") \($0["done"] ?? "")/\($0["total"] ?? "") \($0["resource"] ?? "") \($0["outcome"] ?? "")" }
            == ["progress 1/1 Bot/alpha applied"], "\(json.stderr)")

        // On a terminal (script(1) gives the command a pseudo-terminal), the line is rewritten and cleared.
        try fleet.write("bots/beta.yaml", TelegramFleetHarness.botYAML("beta", description: "Does other things"))
        let command = ([BotopsProcess.binary, "apply", fleet.folder, "--auto-approve"]).map { "'\($0)'" }.joined(separator: " ")
        var environment = ProcessInfo.processInfo.environment.merging(fleet.environment) { _, new in new }
        environment["TERM"] = "xterm"
        let tty = try await ToolProcess.run("/usr/bin/script", ["-qec", command, "/dev/null"], environment: environment)
        #expect(tty.status == 0, "\(tty.stdout)\(tty.stderr)")
        #expect(tty.stdout.contains("\r\u{1B}[2K[1/1] Bot/beta: updated"), "\(tty.stdout.debugDescription)")
        #expect(tty.stdout.contains("Apply complete!"))
    }
}

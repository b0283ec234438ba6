import Foundation
import Testing

/// `botops --generate-completion-script bash|zsh|fish`: each script is valid for its shell, and
/// bash's completes subcommands and options for real.
@Suite("botops: shell completion scripts", .timeLimit(.minutes(5)), .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct CompletionCLITests {
    static let shells: [(String, [String])] = [("bash", ["-n"]), ("zsh", ["-n"]), ("fish", ["--no-execute"])]

    @Test(arguments: ["bash", "zsh", "fish"])
    func theScriptParsesInItsShell(shell: String) async throws {
        let script = try await BotopsProcess.run(["--generate-completion-script", shell])
        #expect(script.status == 0)
        #expect(script.stdout.contains("plan") && script.stdout.contains("reconcile"), "every subcommand is in it")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("botops-completion-\(UUID().uuidString).\(shell)").path
        try script.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let executable = try #require(["/usr/bin/\(shell)", "/bin/\(shell)"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                      "\(shell) is installed by scripts/setup")
        let check = try await ToolProcess.run(executable, Self.shells.first { $0.0 == shell }!.1 + [path])
        #expect(check.status == 0, "\(shell) refuses the script: \(check.stderr)")
    }

    @Test func bashCompletesSubcommandsAndOptions() async throws {
        let script = try await BotopsProcess.run(["--generate-completion-script", "bash"])
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("botops-completion-\(UUID().uuidString).bash").path
        try script.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        // The completion function as bash calls it on <TAB>, with the binary on PATH under its name.
        let folder = URL(fileURLWithPath: BotopsProcess.binary).deletingLastPathComponent().path
        func complete(_ words: [String]) async throws -> [String] {
            let quoted = words.map { "'\($0)'" }.joined(separator: " ")
            let program = """
                source '\(path)'
                COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
                _botops botops "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let result = try await ToolProcess.run("/bin/bash", ["-c", program],
                                                   environment: ["PATH": folder + ":/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").map(String.init)
        }
        let subcommands = try await complete(["botops", "re"])
        #expect(subcommands.contains("reconcile") && subcommands.contains("restart"), "\(subcommands)")
        let options = try await complete(["botops", "plan", "--log-f"])
        #expect(options == ["--log-format"], "\(options)")
    }
}

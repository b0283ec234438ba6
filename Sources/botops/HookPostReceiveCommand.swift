import ArgumentParser
import Daemon
import Foundation

/// `botops hook post-receive`: what the installed hook runs, with git's ref updates on standard input.
struct HookPostReceiveCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "post-receive",
        abstract: "Run by the installed hook: reads '<old> <new> <ref>' lines and deploys the tracked branch's push.",
        shouldDisplay: false
    )

    @Option var gitDir: String
    @Option var branch = "main"
    @Option var url: String?
    @Option var secret: String?
    @Flag var direct = false
    @Option(parsing: .unconditionalSingleValue, help: "An argument for botops apply (with --direct). Repeatable.")
    var applyArg: [String] = []

    func validate() throws {
        guard direct || (url != nil && secret != nil) else { throw ValidationError("give --url and --secret, or --direct") }
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
        guard let update = PostReceiveHook.tracked(PostReceiveHook.updates(input), branch: branch) else {
            Terminal.write("botops: no push to \(branch); nothing to deploy\n")
            return
        }
        guard !update.isDeletion else {
            Terminal.write("botops: \(branch) was deleted; nothing applied, and what runs is left alone\n")
            return
        }
        let short = String(update.new.prefix(7))
        if direct {
            // Git runs one hook per push, at the same time: hooks take turns on a lock of the
            // repository's own, and each applies the branch as it is once its turn comes, so an older
            // push that gets its turn last never undoes a newer one.
            let lock = open(gitDir + "/botops-hook.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            defer { if lock >= 0 { close(lock) } }
            if lock >= 0 { flock(lock, LOCK_EX) }
            Terminal.write("botops: applying \(branch) (pushed: \(short))\n")
            let apply = try ApplyCommand.parse(["--repo", gitDir, "--ref", "refs/heads/" + branch, "--auto-approve",
                                                "--lock-timeout", "60"] + applyArg)
            try await apply.run()
            return
        }
        guard let url else { return }
        let value = try SecretOption.read(secret, option: "--secret") ?? ""
        do {
            let answer = try await PushNotification(update, secret: value).send(to: url)
            Terminal.write("botops: told the daemon at \(url) about \(short) on \(branch): \(answer)\n")
        } catch {
            // The push has landed whatever the daemon says; the hook only reports.
            Terminal.warning(error.message)
        }
    }
}

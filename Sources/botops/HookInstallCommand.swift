import ArgumentParser
import Daemon
import Foundation

/// `botops hook install --git-dir /srv/git/fleet.git`: writes the repository's `post-receive` hook.
struct HookInstallCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "install",
        abstract: "Write a post-receive hook that tells the daemon about pushes (or, --direct, applies them itself).",
        discussion: """
            Without --direct the hook sends a signed POST /hooks/generic to the daemon at --url; start the daemon \
            with --generic-secret naming the same secret, and --repo pointing at this repository. With --direct the \
            hook runs 'botops apply' on the pushed revision and the pusher sees the plan and the result. The hook \
            holds only the secret's reference (file:PATH is best: a hook runs with the git server's environment). \
            A hook that botops did not write is kept unless --force.
            """
    )

    @Option(help: ArgumentHelp("The bare repository (its git directory).", valueName: "path"))
    var gitDir: String

    @Option(help: "The branch whose pushes are deployed.")
    var branch = "main"

    @Option(help: ArgumentHelp("The daemon's base URL.", valueName: "url"))
    var url = "http://127.0.0.1:9100"

    @Option(help: ArgumentHelp("The daemon's --generic-secret, by reference.", valueName: "file:PATH|env:NAME"))
    var secret: String?

    @Flag(help: "Apply each push in the hook itself instead of telling a daemon.")
    var direct = false

    @Option(help: ArgumentHelp("With --direct: the folder inside the repository that holds botops.yaml.", valueName: "path"))
    var path: String?

    @Option(help: ArgumentHelp("With --direct: the state store (file:PATH, postgres or postgres://URL).", valueName: "store"))
    var state: String?

    @Option(help: ArgumentHelp("The botops the hook runs; default: this one.", valueName: "path"))
    var botops: String?

    @Flag(help: "Replace a post-receive hook that botops did not write.")
    var force = false

    func validate() throws {
        // Each goes into the hook's script: a line break would start a command of its own.
        for (name, value) in [("--git-dir", gitDir), ("--branch", branch), ("--url", url), ("--secret", secret ?? ""),
                              ("--path", path ?? ""), ("--state", state ?? ""), ("--botops", botops ?? "")]
        where value.contains(where: \.isNewline) {
            throw ValidationError("\(name) must be one line")
        }
        if direct {
            guard secret == nil else { throw ValidationError("--secret goes with a daemon; --direct applies without one") }
        } else {
            guard secret != nil else {
                throw ValidationError("the hook signs its pushes: give --secret file:PATH (the daemon's --generic-secret), or use --direct")
            }
            guard path == nil, state == nil else { throw ValidationError("--path and --state go with --direct; the daemon has its own") }
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else { throw ValidationError("--url is the daemon's http(s):// base URL") }
        }
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        if let secret {
            // Read now so a typo fails at install time, not at the first push; the value is not kept.
            _ = try SecretOption.read(secret, option: "--secret")
        }
        let gitDir = URL(fileURLWithPath: self.gitDir).standardizedFileURL.path
        let executable = botops ?? URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        var extra: [String] = []
        if let path { extra += ["--path", path] }
        if let state { extra += ["--state", state] }
        let hook = PostReceiveHook(gitDir: gitDir, branch: branch,
                                   mode: direct ? .direct(arguments: extra) : .notify(url: url, secret: secret ?? ""),
                                   executable: executable)
        do {
            try hook.install(replace: force)
        } catch {
            Terminal.error(error.message)
            throw ExitCode(1)
        }
        if direct {
            Terminal.write("Installed \(hook.path): each push to \(branch) is applied by botops apply, and the pusher sees the result.\n")
        } else {
            Terminal.write("""
                Installed \(hook.path): each push to \(branch) is told to the daemon at \(url).
                Run the daemon with: botops reconcile --repo \(gitDir) --ref \(branch) --generic-secret \(secret ?? "")

                """)
        }
    }
}

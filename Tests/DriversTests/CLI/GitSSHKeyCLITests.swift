import Foundation
import Testing

/// `--repo ssh://...` with `--ssh-key FILE`, against a real sshd on loopback: the key fetches, no key
/// (and no agent) fails, and an unknown host key is refused with what to do.
@Suite("Git over ssh: a key from a file, a host from known_hosts", .timeLimit(.minutes(5)),
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") && getuid() == 0))
struct GitSSHKeyCLITests {
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil) async throws {
        let result = try await ToolProcess.run(executable, arguments, in: directory)
        try #require(result.status == 0, "\(executable) \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }

    @Test func aKeyFileFetchesAndAnUnknownHostIsRefused() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-ssh-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/home/.ssh", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["host_key", "client_key"] { try await Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", "\(root)/\(name)"]) }
        try FileManager.default.copyItem(atPath: root + "/client_key.pub", toPath: root + "/authorized_keys")
        let port = 30000 + Int.random(in: 0..<20000)
        try """
            Port \(port)
            ListenAddress 127.0.0.1
            HostKey \(root)/host_key
            PidFile \(root)/sshd.pid
            AuthorizedKeysFile \(root)/authorized_keys
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            PermitRootLogin prohibit-password
            StrictModes no
            UsePAM no

            """.write(toFile: root + "/sshd_config", atomically: true, encoding: .utf8)
        // sshd daemonizes itself (no -D): a long-lived child of this process kept Foundation from
        // reaping the processes started after it. It is stopped through its pid file.
        try await Self.run("/usr/sbin/sshd", ["-f", root + "/sshd_config"])
        defer {
            if let pid = (try? String(contentsOfFile: root + "/sshd.pid", encoding: .utf8)).flatMap({ Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
                kill(pid, SIGTERM)
            }
        }

        try await Self.run("/usr/bin/git", ["init", "-q", "-b", "main", root + "/work"])
        try #"apiVersion: botops/v1\#nkind: Project\#nmetadata: {name: over-ssh}\#n"#.write(toFile: root + "/work/botops.yaml", atomically: true, encoding: .utf8)
        try await Self.run("/usr/bin/git", ["add", "-A"], in: root + "/work")
        try await Self.run("/usr/bin/git", ["-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "Project"], in: root + "/work")
        try await Self.run("/usr/bin/git", ["clone", "-q", "--bare", root + "/work", root + "/fleet.git"])
        let url = "ssh://root@127.0.0.1:\(port)\(root)/fleet.git"
        var environment = ["HOME": root + "/home", "SSH_AUTH_SOCK": "", "XDG_CACHE_HOME": root + "/cache"]
        #expect(try await ReconcileDaemonCLITests.eventually(5) {
            (try? String(contentsOfFile: root + "/sshd.pid", encoding: .utf8)) != nil
        }, "sshd started")

        let unknown = try await BotopsProcess.run(["validate", "--repo", url, "--ref", "main", "--ssh-key", root + "/client_key"],
                                                  environment: environment)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("add this one's key there (ssh-keyscan)"), "\(unknown.stderr)")

        let hostKey = try String(contentsOfFile: root + "/host_key.pub", encoding: .utf8).split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: root + "/home/.ssh/known_hosts", atomically: true, encoding: .utf8)
        let fetched = try await BotopsProcess.run(["validate", "--repo", url, "--ref", "main", "--ssh-key", root + "/client_key"],
                                                  environment: environment)
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("0 errors"), "\(fetched.stdout)")
        // diff reads a private repository with the same options.
        let diffed = try await BotopsProcess.run(["diff", "main", "main", "--repo", url, "--ssh-key", root + "/client_key"],
                                                 environment: environment)
        #expect(diffed.status == 0, "\(diffed.stderr)")

        environment["XDG_CACHE_HOME"] = root + "/cache-without-key"
        let refused = try await BotopsProcess.run(["validate", "--repo", url, "--ref", "main"], environment: environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("cannot fetch"), "\(refused.stderr)")
    }
}

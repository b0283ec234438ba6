import Daemon
import Foundation
import NIOCore
import Testing

@Suite("The post-receive hook: written safely, reads git's updates, signs what the daemon checks", .timeLimit(.minutes(5)))
struct PostReceiveHookTests {
    static func bareRepository() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-hook-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/objects", withIntermediateDirectories: true)
        try "ref: refs/heads/main\n".write(toFile: root + "/HEAD", atomically: true, encoding: .utf8)
        return root
    }

    @Test func theScriptQuotesEverythingAndHoldsOnlyTheSecretsReference() {
        let hook = PostReceiveHook(gitDir: "/srv/git/it's fleet.git", branch: "main",
                                   mode: .notify(url: "http://127.0.0.1:9100", secret: "file:/etc/botops/hook"),
                                   executable: "/usr/local/bin/botops")
        let lines = hook.script.split(separator: "\n").map(String.init)
        #expect(lines.first == "#!/bin/sh")
        #expect(lines[1].hasPrefix(PostReceiveHook.marker))
        #expect(lines[2] == #"exec '/usr/local/bin/botops' 'hook' 'post-receive' '--git-dir' '/srv/git/it'\''s fleet.git' "#
                + #"'--branch' 'main' '--url' 'http://127.0.0.1:9100' '--secret' 'file:/etc/botops/hook'"#)
        let direct = PostReceiveHook(gitDir: "/g", branch: "prod", mode: .direct(arguments: ["--path", "deploy"]), executable: "/b")
        #expect(direct.script.contains(#"'--direct' '--apply-arg' '--path' '--apply-arg' 'deploy'"#))
    }

    @Test func installingKeepsAForeignHookAndReplacesItsOwn() throws {
        let gitDir = try Self.bareRepository()
        defer { try? FileManager.default.removeItem(atPath: gitDir) }
        let hook = PostReceiveHook(gitDir: gitDir, branch: "main", mode: .direct(arguments: []), executable: "/b")
        try hook.install()
        let mode = try FileManager.default.attributesOfItem(atPath: hook.path)[.posixPermissions] as? Int
        #expect(mode == 0o755)
        try hook.install()
        try "#!/bin/sh\necho mine\n".write(toFile: hook.path, atomically: true, encoding: .utf8)
        #expect(throws: HookError.self) { try hook.install() }
        #expect(try String(contentsOfFile: hook.path, encoding: .utf8) == "#!/bin/sh\necho mine\n", "left as it was")
        try hook.install(replace: true)
        #expect(try String(contentsOfFile: hook.path, encoding: .utf8) == hook.script)

        let error = #expect(throws: HookError.self) {
            try PostReceiveHook(gitDir: gitDir + "/nothing", branch: "main", mode: .direct(arguments: []), executable: "/b").install()
        }
        #expect(error?.code == .notAGitDirectory)
    }

    @Test func theTrackedBranchsUpdateIsFoundAndADeletionIsNamed() {
        let zero = String(repeating: "0", count: 40), a = String(repeating: "a", count: 40), b = String(repeating: "b", count: 40)
        let input = "\(a) \(b) refs/heads/feature\n\(zero) \(a) refs/tags/v1\nbroken line\n\(a) \(b) refs/heads/main\n"
        let updates = PostReceiveHook.updates(input)
        #expect(updates.count == 3)
        #expect(PostReceiveHook.tracked(updates, branch: "main") == PostReceiveHook.Update(old: a, new: b, ref: "refs/heads/main"))
        #expect(PostReceiveHook.tracked(updates, branch: "prod") == nil)
        #expect(PostReceiveHook.updates("\(a) \(zero) refs/heads/main").first?.isDeletion == true)
    }

    /// The pusher waits for the hook: a daemon that is down is reported, not retried until the deadline.
    @Test func aDaemonThatIsDownIsReportedAtOnce() async {
        let update = PostReceiveHook.Update(old: String(repeating: "1", count: 40), new: String(repeating: "2", count: 40),
                                            ref: "refs/heads/main")
        let start = ContinuousClock.now
        let error = await #expect(throws: HookError.self) {
            _ = try await PushNotification(update, secret: "s").send(to: "http://127.0.0.1:1", timeout: .seconds(10))
        }
        #expect(error?.code == .daemonUnreachable)
        #expect(error?.message.contains("its next timer pass applies it") == true)
        // Under the 10 s deadline; 5 s was exceeded (up to 6.6 s) with whole suites running back to back on 2 cores.
        #expect(ContinuousClock.now - start < .seconds(9), "a refused connection is not retried for the whole 10 s")
    }

    @Test func theNotificationIsWhatTheGenericReceiverAccepts() {
        let update = PostReceiveHook.Update(old: String(repeating: "1", count: 40), new: String(repeating: "2", count: 40),
                                            ref: "refs/heads/main")
        let notification = PushNotification(update, secret: "s3cret")
        let body = ByteBuffer(data: notification.body)
        #expect(PushReceiver(genericSecret: "s3cret", branch: "main").generic(signature: notification.signature, body: body)
                == .push(ref: "refs/heads/main"))
        #expect(PushReceiver(genericSecret: "other", branch: "main").generic(signature: notification.signature, body: body)
                == .unauthorized)
    }
}

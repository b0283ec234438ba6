import Foundation
import TestSupport

/// A bare repository with a clone to commit in, driven by the git command line as a user would:
/// the remote end of `git push` runs the hooks installed in the bare repository.
struct PushRepository {
    let root: String
    var bare: String { root + "/fleet.git" }
    var work: String { root + "/work" }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init() async throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-push-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try await git(["init", "--quiet", "--bare", "-b", "main", bare], in: root)
        try await git(["clone", "--quiet", bare, work], in: root)
        try await git(["checkout", "--quiet", "-b", "main"], in: work)
    }

    func write(_ path: String, _ text: String) throws {
        let full = work + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    /// Commits everything in the clone; returns the commit id.
    @discardableResult
    func commit(_ subject: String) async throws -> String {
        try await git(["add", "-A"], in: work)
        try await git(["commit", "--quiet", "-m", subject], in: work)
        return try await git(["rev-parse", "HEAD"], in: work).output
    }

    /// `git revert` of the last commit; returns the new commit id.
    func revert() async throws -> String {
        try await git(["revert", "--no-edit", "HEAD"], in: work)
        return try await git(["rev-parse", "HEAD"], in: work).output
    }

    /// `git push`; returns what the remote printed (hooks' output arrives as `remote: ...` on stderr).
    /// A local push runs the remote's hooks with git's environment: `environment` is added to it.
    func push(environment: [String: String] = [:]) async throws -> String {
        try await git(["push", "--quiet", "origin", "main"], in: work, environment: environment).errors
    }

    func remove() { TestArtifacts.discard(root) }

    /// Runs git (with no user or system configuration) in `directory`.
    @discardableResult
    func git(_ arguments: [String], in directory: String,
             environment extra: [String: String] = [:]) async throws -> (output: String, errors: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        environment.merge(extra) { $1 }
        let result = try await ToolProcess.run("/usr/bin/git", ["-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false"]
                                               + arguments, in: directory, environment: environment)
        guard result.status == 0 else { throw Failure(description: "git \(arguments.joined(separator: " ")): \(result.stderr)") }
        return (result.stdout.trimmingCharacters(in: .whitespacesAndNewlines), result.stderr)
    }
}

import Foundation
import TestSupport
import Testing
@testable import Spec

/// Reading HEAD of a work tree gives exactly what a directory read of a checkout gives.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceTests {
    @Test func headEqualsDirectorySourceOfACheckout() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "botops.yaml", "kind: Fleet\nname: demo\n")
        try scratch.write(repo, "bots/pingme.yaml", "kind: Bot\nname: pingme\ndescription: \"Привет 👋\"\n")
        try scratch.write(repo, "bots/nested/deep/echo.yml", "kind: Bot\nname: echo\n")
        try scratch.write(repo, "bots/empty.yaml", "")
        try scratch.write(repo, ".top.yaml", "kind: Note\n")  // a dot *file* is configuration
        try scratch.write(repo, "README.md", "# fleet\n")
        try scratch.write(repo, "bots/notes.txt", "not yaml\n")
        try scratch.write(repo, "bots/pingme.yaml.bak", "old\n")
        try scratch.write(repo, ".github/workflows/ci.yaml", "on: push\n")
        try scratch.write(repo, ".botops/state.yaml", "state: 1\n")
        try scratch.write(repo, "bots/.drafts/draft.yaml", "kind: Bot\n")
        try scratch.write(repo, "scripts/run.yaml", "kind: Script\n", executable: true)
        try scratch.commitAll(repo, "fleet")
        let checkout = try scratch.clone(repo, to: "checkout")

        let fromGit = try GitRevisionSource(repository: repo, revision: "HEAD").sourceFiles()
        let fromDirectory = try DirectorySource(root: checkout).sourceFiles()

        #expect(fromGit == fromDirectory)
        #expect(fromGit.map(\.path) == [
            ".top.yaml", "botops.yaml", "bots/empty.yaml", "bots/nested/deep/echo.yml", "bots/pingme.yaml",
            "scripts/run.yaml",
        ])
        #expect(fromGit.first { $0.path == "bots/pingme.yaml" }?.text
            == "kind: Bot\nname: pingme\ndescription: \"Привет 👋\"\n")
    }

    @Test func revisionIsTheFullCommitIDAndNamesShowTheShortID() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "botops.yaml", "kind: Fleet\n")
        let head = try scratch.commitAll(repo, "one")

        let source = try GitRevisionSource(repository: repo, revision: "HEAD")

        #expect(source.revision == head)
        #expect(source.commitID.count == 40)
        #expect(source.requestedRevision == "HEAD")
        #expect(source.displayName == "\(repo)@\(head.prefix(7))")
        #expect(source.displayPrefix == "")
        #expect(source.subdirectory == nil)
    }

    @Test func readingTwiceGivesTheSameFiles() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "botops.yaml", "kind: Fleet\n")
        try scratch.commitAll(repo, "one")
        let source = try GitRevisionSource(repository: repo, revision: "main")

        #expect(try source.sourceFiles() == source.sourceFiles())
        #expect(try source.sourceFiles() == [SourceFile(path: "botops.yaml", text: "kind: Fleet\n")])
    }
}

/// A temporary folder holding repositories made with the git CLI, removed when released.
///
/// Git runs with no user or system configuration, so the tests do not depend on the machine's.
final class GitScratch {
    let root: String

    init() throws {
        let base = URL(fileURLWithPath: NSTemporaryDirectory()).resolvingSymlinksInPath().path
        root = base + "/botops-git-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    /// `git init` of a new work tree at `<root>/<name>` on branch `branch`; returns its path.
    func makeRepository(_ name: String, branch: String = "main") throws -> String {
        let path = root + "/" + name
        try git(["init", "--quiet", "--initial-branch=\(branch)", path], in: root)
        return path
    }

    /// Writes `text` to `relative` inside `repository`, creating folders.
    func write(_ repository: String, _ relative: String, _ text: String, executable: Bool = false) throws {
        try write(repository, relative, Data(text.utf8), executable: executable)
    }

    func write(_ repository: String, _ relative: String, _ data: Data, executable: Bool = false) throws {
        let url = URL(fileURLWithPath: repository + "/" + relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        if executable {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
        }
    }

    /// Stages everything and commits; returns the new commit's full id.
    @discardableResult
    func commitAll(_ repository: String, _ message: String) throws -> String {
        try git(["add", "--all"], in: repository)
        try git(["commit", "--quiet", "--allow-empty", "-m", message], in: repository)
        return try git(["rev-parse", "HEAD"], in: repository)
    }

    /// `git clone` into `<root>/<name>`; returns its path.
    func clone(_ repository: String, to name: String, bare: Bool = false) throws -> String {
        let path = root + "/" + name
        try git(["clone", "--quiet"] + (bare ? ["--bare"] : []) + [repository, path], in: root)
        return path
    }

    /// Runs git in `directory` and returns its standard output without the final newline.
    @discardableResult
    func git(_ arguments: [String], in directory: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false",
                             "-c", "protocol.file.allow=always"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = "/dev/null"
        process.environment = environment
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readToEndAndClose()
        let errData = errors.fileHandleForReading.readToEndAndClose()
        guard process.exitStatus() == 0 else {
            throw GitScratchError(command: "git " + arguments.joined(separator: " "),
                                  output: String(decoding: errData, as: UTF8.self))
        }
        return String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .newlines)
    }
}

struct GitScratchError: Error, CustomStringConvertible {
    let command: String
    let output: String
    var description: String { "\(command) failed: \(output)" }
}

import Foundation
import Testing
import Spec

/// Each way a git source can fail throws its own code with a message naming the culprit.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceErrorTests {
    private static func makeRepository(_ scratch: GitScratch) throws -> String {
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "deploy/botops.yaml", "kind: Fleet\n")
        try scratch.write(repo, "deploy/README.md", "docs\n")
        try scratch.commitAll(repo, "one")
        return repo
    }

    /// Runs `body` and returns the ConfigSourceError it throws (failing the test otherwise).
    private func configError(_ body: () throws -> Void) -> ConfigSourceError? {
        do {
            try body()
            Issue.record("expected a ConfigSourceError, nothing was thrown")
        } catch let error as ConfigSourceError {
            return error
        } catch {
            Issue.record("expected a ConfigSourceError, got \(error)")
        }
        return nil
    }

    @Test func unknownRevision() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let error = configError { _ = try GitRevisionSource(repository: repo, revision: "v9") }

        #expect(error?.code == .revisionNotFound)
        #expect(error?.message == "revision 'v9' not found in '\(repo)'; check the branch, tag or commit id")
    }

    @Test(arguments: ["HEAD^{tree}", "HEAD:deploy", "HEAD:deploy/botops.yaml"])
    func revisionThatIsNotACommit(revision: String) throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let error = configError { _ = try GitRevisionSource(repository: repo, revision: revision) }

        #expect(error?.code == .revisionNotFound)
        #expect(error?.message.contains("not a commit") == true)
    }

    @Test(arguments: ["", "HEAD~5", "main..", "@{nonsense"])
    func unusableRevisions(revision: String) throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let error = configError { _ = try GitRevisionSource(repository: repo, revision: revision) }

        #expect(error?.code == .revisionNotFound)
    }

    @Test func repositoryWithoutCommits() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("empty")
        let error = configError { _ = try GitRevisionSource(repository: repo, revision: "HEAD") }

        #expect(error?.code == .revisionNotFound)
        #expect(error?.message.contains("has no commits yet") == true)
    }

    @Test func missingRepository() throws {
        let scratch = try GitScratch()
        let missing = scratch.root + "/nowhere"
        let error = configError { _ = try GitRevisionSource(repository: missing, revision: "HEAD") }

        #expect(error?.code == .repositoryUnavailable)
        #expect(error?.message.contains("'\(missing)' does not exist") == true)
    }

    @Test func folderThatIsNotARepository() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        // Inside a work tree, but not its top: parent folders are not searched.
        let error = configError { _ = try GitRevisionSource(repository: repo + "/deploy", revision: "HEAD") }

        #expect(error?.code == .repositoryUnavailable)
        #expect(error?.message.contains("is not a git repository") == true)
    }

    @Test(arguments: ["bots", "deploy/bots", "Deploy"])
    func missingSubdirectory(subdirectory: String) throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: subdirectory)
        let error = configError { _ = try source.sourceFiles() }

        #expect(error?.code == .pathNotFound)
        #expect(error?.message.contains("folder '\(subdirectory)' does not exist") == true)
    }

    @Test func subdirectoryThatIsAFile() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy/botops.yaml")
        let error = configError { _ = try source.sourceFiles() }

        #expect(error?.code == .pathNotFound)
        #expect(error?.message.contains("is not a folder") == true)
    }

    @Test func subdirectoryLeavingTheRepository() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        let error = configError {
            _ = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy/../..")
        }

        #expect(error?.code == .pathNotFound)
    }

    @Test func subdirectoryAddedAfterTheRevision() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        try scratch.write(repo, "later/botops.yaml", "kind: Fleet\n")
        try scratch.commitAll(repo, "two")
        let old = try GitRevisionSource(repository: repo, revision: "HEAD~1", subdirectory: "later")
        let error = configError { _ = try old.sourceFiles() }

        #expect(error?.code == .pathNotFound)
        #expect(try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "later").sourceFiles().count == 1)
    }

    @Test func fileThatIsNotUTF8() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        try scratch.write(repo, "deploy/bots/latin1.yaml", Data([0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xE9, 0x0A]))
        try scratch.commitAll(repo, "latin-1")
        let source = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy")
        let error = configError { _ = try source.sourceFiles() }

        #expect(error?.code == .fileUnreadable)
        #expect(error?.message.contains("'deploy/bots/latin1.yaml'") == true)
        #expect(error?.message.contains("not UTF-8") == true)
    }

    @Test func nonUTF8FileThatIsNotConfigurationIsIgnored() throws {
        let scratch = try GitScratch()
        let repo = try Self.makeRepository(scratch)
        try scratch.write(repo, "deploy/logo.png", Data([0x89, 0x50, 0x4E, 0x47, 0xFF, 0xFE]))
        try scratch.commitAll(repo, "logo")

        let files = try GitRevisionSource(repository: repo, revision: "HEAD", subdirectory: "deploy").sourceFiles()
        #expect(files.map(\.path) == ["botops.yaml"])
    }
}

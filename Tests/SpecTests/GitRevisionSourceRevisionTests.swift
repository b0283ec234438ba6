import Foundation
import Testing
import Spec

/// Any revision git understands reads that commit's tree, and a source stays pinned to it.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceRevisionTests {
    /// A repository with two commits: `first` (v1 content, tagged) and `second` (v2 content).
    private struct History {
        let scratch: GitScratch
        let repo: String
        let first: String
        let second: String

        init() throws {
            scratch = try GitScratch()
            repo = try scratch.makeRepository("fleet")
            try scratch.write(repo, "bots/a.yaml", "version: 1\n")
            first = try scratch.commitAll(repo, "first")
            try scratch.git(["tag", "v1"], in: repo)
            try scratch.git(["tag", "-a", "-m", "annotated", "v1-annotated"], in: repo)
            try scratch.write(repo, "bots/a.yaml", "version: 2\n")
            try scratch.write(repo, "bots/b.yaml", "added: true\n")
            second = try scratch.commitAll(repo, "second")
        }
    }

    private static let oldFiles = [SourceFile(path: "bots/a.yaml", text: "version: 1\n")]

    @Test(arguments: ["HEAD~1", "HEAD^", "v1", "v1-annotated", "main~1"])
    func olderRevisionGivesOldContent(revision: String) throws {
        let history = try History()
        let source = try GitRevisionSource(repository: history.repo, revision: revision)

        #expect(try source.sourceFiles() == Self.oldFiles)
        #expect(source.revision == history.first)
    }

    @Test func shortAndFullCommitIDs() throws {
        let history = try History()
        let short = try GitRevisionSource(repository: history.repo, revision: String(history.first.prefix(8)))
        let full = try GitRevisionSource(repository: history.repo, revision: history.first)

        #expect(try short.sourceFiles() == Self.oldFiles)
        #expect(short.revision == history.first)
        #expect(full.revision == history.first)
    }

    @Test func branchNameReadsItsTip() throws {
        let history = try History()
        try history.scratch.git(["branch", "release", history.first], in: history.repo)

        let release = try GitRevisionSource(repository: history.repo, revision: "release")
        let main = try GitRevisionSource(repository: history.repo, revision: "main")

        #expect(try release.sourceFiles() == Self.oldFiles)
        #expect(main.revision == history.second)
        #expect(try main.sourceFiles() == [
            SourceFile(path: "bots/a.yaml", text: "version: 2\n"),
            SourceFile(path: "bots/b.yaml", text: "added: true\n"),
        ])
    }

    @Test func sourceStaysPinnedWhenTheBranchMoves() throws {
        let history = try History()
        let pinned = try GitRevisionSource(repository: history.repo, revision: "main")
        try history.scratch.write(history.repo, "bots/a.yaml", "version: 3\n")
        let third = try history.scratch.commitAll(history.repo, "third")

        #expect(pinned.revision == history.second)
        #expect(try pinned.sourceFiles().first?.text == "version: 2\n")
        let fresh = try GitRevisionSource(repository: history.repo, revision: "main")
        #expect(fresh.revision == third)
        #expect(try fresh.sourceFiles().first?.text == "version: 3\n")
    }
}

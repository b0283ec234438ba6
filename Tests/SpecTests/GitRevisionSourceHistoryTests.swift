import Foundation
import Spec
import Testing

/// A source read at one commit lists the commits since another (for a plan's header) and reads the
/// same folder at another commit without a fetch (a targeted pass's baseline).
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceHistoryTests {
    @Test func commitsSinceTheAppliedOneAreListedNewestFirstWithTheirSubjects() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "deploy/a.yaml", "version: 1\n")
        let applied = try scratch.commitAll(repo, "First")
        try scratch.write(repo, "deploy/b.yaml", "version: 1\n")
        let second = try scratch.commitAll(repo, "Add beta bot\n\nA body the header leaves out.")
        try scratch.write(repo, "deploy/a.yaml", "version: 2\n")
        let third = try scratch.commitAll(repo, "Tune alpha")

        let source = try GitRevisionSource(repository: repo, revision: "main", subdirectory: "deploy")
        let commits = try source.commits(since: applied, limit: 50)
        #expect(commits.map(\.id) == [third, second] && commits.map(\.subject) == ["Tune alpha", "Add beta bot"])
        #expect(commits.allSatisfy { $0.author?.isEmpty == false && $0.date != nil }, "with who wrote them, and when: \(commits)")
        let one = try source.commit(second)
        #expect(one.subject == "Add beta bot" && one.author == commits.last?.author && one.date == commits.last?.date)
        #expect(try source.commits(since: applied, limit: 1).map(\.id) == [third])
        #expect(try source.commits(since: third, limit: 50).isEmpty)
        #expect(try source.commits(since: second, limit: 50).map(\.subject) == ["Tune alpha"])
        #expect(throws: ConfigSourceError.self) { try source.commits(since: String(repeating: "0", count: 40), limit: 50) }

        let old = try source.reading(at: applied)
        #expect(old.revision == applied)
        #expect(try old.sourceFiles() == [SourceFile(path: "a.yaml", text: "version: 1\n")])
        #expect(old.displayPrefix == "deploy/", "the same folder, named the same way")
    }

    @Test func aRemoteSourceReadsAnotherCommitFromItsMirror() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("upstream")
        try scratch.write(repo, "a.yaml", "version: 1\n")
        let first = try scratch.commitAll(repo, "First")
        try scratch.write(repo, "a.yaml", "version: 2\n")
        _ = try scratch.commitAll(repo, "Second")
        let cache = scratch.root + "/cache"
        let source = try GitRevisionSource(repository: "file://" + repo, revision: "main", cacheDirectory: cache)
        // The upstream is gone: reading an older commit must not need it.
        try FileManager.default.removeItem(atPath: repo)
        #expect(try source.reading(at: first).sourceFiles() == [SourceFile(path: "a.yaml", text: "version: 1\n")])
        #expect(try source.commits(since: first, limit: 50).map(\.subject) == ["Second"])
    }
}

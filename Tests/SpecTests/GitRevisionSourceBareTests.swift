import Foundation
import Testing
import Spec

/// A bare repository (what a git server holds) is read like a work tree.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceBareTests {
    @Test func bareRepositoryReadsBranchesAndTags() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "bots/a.yaml", "version: 1\n")
        let first = try scratch.commitAll(repo, "first")
        try scratch.git(["tag", "v1"], in: repo)
        try scratch.write(repo, "bots/a.yaml", "version: 2\n")
        let second = try scratch.commitAll(repo, "second")
        let bare = try scratch.clone(repo, to: "fleet.git", bare: true)

        let head = try GitRevisionSource(repository: bare, revision: "HEAD")
        let tagged = try GitRevisionSource(repository: bare, revision: "v1", subdirectory: "bots")

        #expect(head.revision == second)
        #expect(try head.sourceFiles() == [SourceFile(path: "bots/a.yaml", text: "version: 2\n")])
        #expect(tagged.revision == first)
        #expect(try tagged.sourceFiles() == [SourceFile(path: "a.yaml", text: "version: 1\n")])
        #expect(tagged.displayName == "\(bare)@\(first.prefix(7)):bots")
    }
}

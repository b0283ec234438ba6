import Foundation
import Testing
import Spec

/// Symlinks and submodules in the commit's tree are skipped rather than followed.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceTreeEntryTests {
    @Test func symlinksAreSkipped() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "bots/real.yaml", "kind: Bot\n")
        try FileManager.default.createSymbolicLink(atPath: repo + "/bots/alias.yaml", withDestinationPath: "real.yaml")
        try FileManager.default.createSymbolicLink(atPath: repo + "/linked", withDestinationPath: "bots")
        try FileManager.default.createSymbolicLink(atPath: repo + "/outside.yaml", withDestinationPath: "/etc/hostname")
        try scratch.commitAll(repo, "links")
        // The links are in the commit as links, so skipping them is the source's doing.
        let listed = try scratch.git(["ls-tree", "-r", "HEAD"], in: repo)
        #expect(listed.contains("120000 blob") && listed.contains("\tlinked"))

        let files = try GitRevisionSource(repository: repo, revision: "HEAD").sourceFiles()
        #expect(files == [SourceFile(path: "bots/real.yaml", text: "kind: Bot\n")])
    }

    @Test func submodulesAreSkipped() throws {
        let scratch = try GitScratch()
        let repo = try scratch.makeRepository("fleet")
        try scratch.write(repo, "botops.yaml", "kind: Fleet\n")
        let commit = try scratch.commitAll(repo, "one")
        // A gitlink entry, as `git submodule add` records it, pointing at a commit that exists
        // only in "another" repository.
        try scratch.git(["update-index", "--add", "--cacheinfo", "160000,\(commit),vendored.yaml"], in: repo)
        try scratch.git(["update-index", "--add", "--cacheinfo", "160000,\(commit),vendor"], in: repo)
        try scratch.git(["commit", "--quiet", "-m", "submodules"], in: repo)
        #expect(try scratch.git(["ls-tree", "HEAD"], in: repo).contains("160000 commit"))

        let files = try GitRevisionSource(repository: repo, revision: "HEAD").sourceFiles()
        #expect(files == [SourceFile(path: "botops.yaml", text: "kind: Fleet\n")])
    }
}

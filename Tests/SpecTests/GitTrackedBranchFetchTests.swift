import Foundation
@testable import Spec
import Testing

/// A remote read at a branch fetches that branch alone; a tag or a commit still resolves, through a
/// fetch of everything.
@Suite("Git mirrors: a tracked branch is fetched alone", .timeLimit(.minutes(1)))
struct GitTrackedBranchFetchTests {
    @Test func aBranchComesAloneAndATagOrCommitStillResolves() throws {
        let scratch = try GitScratch()
        let remote = try scratch.makeRepository("remote")
        try scratch.write(remote, "botops.yaml", "kind: Fleet\n")
        let first = try scratch.commitAll(remote, "one")
        try scratch.git(["tag", "v1"], in: remote)
        try scratch.git(["checkout", "--quiet", "-b", "feature"], in: remote)
        try scratch.write(remote, "botops.yaml", "kind: Feature\n")
        try scratch.commitAll(remote, "feature")
        try scratch.git(["checkout", "--quiet", "main"], in: remote)
        try scratch.write(remote, "botops.yaml", "kind: Fleet2\n")
        let second = try scratch.commitAll(remote, "two")
        let url = "file://" + remote, cache = scratch.root + "/cache"

        let main = try GitRevisionSource(repository: url, revision: "main", cacheDirectory: cache)
        #expect(main.commitID == second)
        let mirror = cache + "/" + GitRepositoryLocation.cacheKey(for: url)
        #expect(try scratch.git(["for-each-ref", "--format=%(refname)"], in: mirror) == "refs/heads/main", "only the tracked branch")
        #expect(try main.commits(since: first, limit: 5).map(\.id) == [second], "with its history")

        #expect(try GitRevisionSource(repository: url, revision: "v1", cacheDirectory: cache).commitID == first)
        #expect(try GitRevisionSource(repository: url, revision: first, cacheDirectory: cache).commitID == first)
        #expect(try GitRevisionSource(repository: url, revision: "refs/heads/feature", cacheDirectory: cache).sourceFiles()
                == [SourceFile(path: "botops.yaml", text: "kind: Feature\n")])
        #expect(throws: ConfigSourceError.self) { try GitRevisionSource(repository: url, revision: "gone", cacheDirectory: cache) }
    }

    @Test func onlyPlainNamesAreTakenForBranches() {
        #expect(GitRevisionSource.branchName("main") == "main")
        #expect(GitRevisionSource.branchName("refs/heads/release/2026") == "release/2026")
        for revision in ["HEAD", "HEAD~1", "main^", "v1:deploy", "refs/tags/v1", String(repeating: "a", count: 40), "", "a..b"] {
            #expect(GitRevisionSource.branchName(revision) == nil, "\(revision)")
        }
    }
}

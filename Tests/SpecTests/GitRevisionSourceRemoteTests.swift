import Foundation
import Testing
import Spec

/// A URL is mirrored bare into the cache folder and fetched again on every new source.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceRemoteTests {
    /// An upstream work tree, its `file://` URL and an empty cache folder, all in one scratch.
    private struct Upstream {
        let scratch: GitScratch
        let repo: String
        let url: String
        let cache: String

        init(branch: String = "main") throws {
            scratch = try GitScratch()
            repo = try scratch.makeRepository("upstream", branch: branch)
            url = "file://" + repo
            cache = scratch.root + "/cache"
        }

        func source(_ revision: String, subdirectory: String? = nil) throws -> GitRevisionSource {
            try GitRevisionSource(repository: url, revision: revision, subdirectory: subdirectory,
                                  cacheDirectory: cache)
        }

        /// The folders below the cache, hidden ones included.
        func cacheEntries() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: cache).sorted()
        }
    }

    @Test func clonesABareMirrorAndSeesNewCommitsOnTheNextOpen() throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "deploy/bots/a.yaml", "version: 1\n")
        let first = try upstream.scratch.commitAll(upstream.repo, "first")

        let before = try upstream.source("main", subdirectory: "deploy")
        #expect(before.revision == first)
        #expect(try before.sourceFiles() == [SourceFile(path: "bots/a.yaml", text: "version: 1\n")])
        #expect(before.displayName == "\(upstream.url)@\(first.prefix(7)):deploy")
        #expect(before.displayPrefix == "deploy/")

        try upstream.scratch.write(upstream.repo, "deploy/bots/a.yaml", "version: 2\n")
        let second = try upstream.scratch.commitAll(upstream.repo, "second")

        let after = try upstream.source("main", subdirectory: "deploy")
        #expect(after.revision == second)
        #expect(try after.sourceFiles() == [SourceFile(path: "bots/a.yaml", text: "version: 2\n")])
        #expect(try upstream.source("HEAD").revision == second)
        // The earlier source is pinned to its commit, still readable from the same mirror.
        #expect(try before.sourceFiles().first?.text == "version: 1\n")
        // One mirror, reused: no second clone and no leftover staging folder.
        #expect(try upstream.cacheEntries().count == 1)
    }

    @Test func mirrorIsBareWithoutAWorkTreeOrStoredURL() throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "botops.yaml", "kind: Fleet\n")
        try upstream.scratch.commitAll(upstream.repo, "one")
        _ = try upstream.source("HEAD")

        let entries = try upstream.cacheEntries()
        try #require(entries.count == 1)
        let mirror = upstream.cache + "/" + entries[0]
        let contents = try FileManager.default.contentsOfDirectory(atPath: mirror)
        #expect(contents.contains("HEAD") && contents.contains("objects") && contents.contains("refs"))
        #expect(!contents.contains(".git"))
        #expect(!contents.contains("botops.yaml"))
        #expect(try upstream.scratch.git(["rev-parse", "--is-bare-repository"], in: mirror) == "true")
        // Branches land on refs/heads (not only refs/remotes), and the URL is not kept.
        #expect(try upstream.scratch.git(["for-each-ref", "--format=%(refname)"], in: mirror) == "refs/heads/main")
        let config = try String(contentsOfFile: mirror + "/config", encoding: .utf8)
        #expect(!config.contains(upstream.repo))
    }

    @Test func newBranchesAndTagsAppearAndDeletedBranchesDisappear() throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 1\n")
        let first = try upstream.scratch.commitAll(upstream.repo, "first")
        try upstream.scratch.git(["branch", "doomed"], in: upstream.repo)
        #expect(try upstream.source("doomed").revision == first)

        try upstream.scratch.git(["branch", "-D", "doomed"], in: upstream.repo)
        try upstream.scratch.git(["branch", "release"], in: upstream.repo)
        try upstream.scratch.git(["tag", "-a", "-m", "v1", "v1"], in: upstream.repo)

        #expect(try upstream.source("release").revision == first)
        #expect(try upstream.source("v1").revision == first)
        do {
            _ = try upstream.source("doomed")
            Issue.record("a branch deleted upstream still resolved from the mirror")
        } catch let error as ConfigSourceError {
            #expect(error.code == .revisionNotFound)
        }
    }

    @Test func forcePushedBranchIsFollowed() throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 1\n")
        let first = try upstream.scratch.commitAll(upstream.repo, "first")
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 2\n")
        _ = try upstream.scratch.commitAll(upstream.repo, "second")
        _ = try upstream.source("main")

        // A revert by rewriting history: the mirror must follow a non-fast-forward update.
        try upstream.scratch.git(["reset", "--hard", "--quiet", first], in: upstream.repo)

        let rolledBack = try upstream.source("main")
        #expect(rolledBack.revision == first)
        #expect(try rolledBack.sourceFiles() == [SourceFile(path: "a.yaml", text: "a: 1\n")])
    }

    @Test func headFollowsTheRemotesDefaultBranch() throws {
        let upstream = try Upstream(branch: "trunk")
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 1\n")
        let commit = try upstream.scratch.commitAll(upstream.repo, "first")

        #expect(try upstream.source("HEAD").revision == commit)
    }

    @Test func unreachableURLThrowsAndLeavesNoMirror() throws {
        let upstream = try Upstream()
        let missing = "file://" + upstream.scratch.root + "/no-such-repo"
        do {
            _ = try GitRevisionSource(repository: missing, revision: "HEAD", cacheDirectory: upstream.cache)
            Issue.record("fetching a missing repository succeeded")
        } catch let error as ConfigSourceError {
            #expect(error.code == .repositoryUnavailable)
            #expect(error.message.contains("cannot fetch '\(missing)'"))
        }
        #expect(try upstream.cacheEntries().isEmpty)
    }

    @Test func unknownRevisionInAMirrorNamesTheURL() throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 1\n")
        try upstream.scratch.commitAll(upstream.repo, "first")
        do {
            _ = try upstream.source("v9")
            Issue.record("an unknown revision resolved")
        } catch let error as ConfigSourceError {
            #expect(error.code == .revisionNotFound)
            #expect(error.message == "revision 'v9' not found in '\(upstream.url)'; check the branch, tag or commit id")
        }
    }

    @Test func emptyRemoteSaysItHasNoCommits() throws {
        let upstream = try Upstream()
        do {
            _ = try upstream.source("HEAD")
            Issue.record("HEAD of an empty repository resolved")
        } catch let error as ConfigSourceError {
            #expect(error.code == .revisionNotFound)
            #expect(error.message.contains("has no commits yet"))
        }
    }

    @Test func concurrentFirstOpensShareOneMirror() async throws {
        let upstream = try Upstream()
        try upstream.scratch.write(upstream.repo, "a.yaml", "a: 1\n")
        let commit = try upstream.scratch.commitAll(upstream.repo, "first")
        let url = upstream.url
        let cache = upstream.cache

        let revisions = try await withThrowingTaskGroup(of: String?.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try GitRevisionSource(repository: url, revision: "main", cacheDirectory: cache).revision
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        #expect(revisions == Array(repeating: commit, count: 4))
        #expect(try upstream.cacheEntries().count == 1)
    }
}

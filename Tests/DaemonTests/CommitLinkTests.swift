import Daemon
import Testing

/// A notice links its revision to the forge's commit page, from the `--repo` the daemon reads.
@Suite("Commit links", .timeLimit(.minutes(5)))
struct CommitLinkTests {
    @Test(arguments: [
        ("https://github.com/acme/fleet.git", "https://github.com/acme/fleet/commit/1a2b3c"),
        ("https://x-access-token:ghs_secret@github.com/acme/fleet", "https://github.com/acme/fleet/commit/1a2b3c"),
        ("git@github.com:acme/fleet.git", "https://github.com/acme/fleet/commit/1a2b3c"),
        ("ssh://git@gitlab.example.org:2222/ops/bots/fleet.git", "https://gitlab.example.org/ops/bots/fleet/-/commit/1a2b3c"),
        ("https://git.acme.example/ops/fleet/", "https://git.acme.example/ops/fleet/commit/1a2b3c"),
    ])
    func forgesLinkTheirCommits(repository: String, link: String) throws {
        #expect(try #require(CommitLink(repository: repository)).url(for: "1a2b3c") == link)
    }

    @Test(arguments: ["/srv/git/fleet.git", "../fleet", "file:///srv/git/fleet.git", "https://github.com/acme"])
    func localOrIncompleteRepositoriesHaveNoPage(repository: String) {
        #expect(CommitLink(repository: repository) == nil)
    }
}

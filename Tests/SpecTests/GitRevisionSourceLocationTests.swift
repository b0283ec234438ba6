import Foundation
import Testing
@testable import Spec

/// How a repository string is classified, shown without credentials, and named in the cache.
@Suite(.timeLimit(.minutes(1))) struct GitRevisionSourceLocationTests {
    @Test(arguments: ["/srv/fleet", "fleet", "./fleet", "../fleet.git", "C:\\fleet", "dir/with:colon"])
    func localPaths(repository: String) {
        #expect(GitRepositoryLocation(repository) == .local(path: repository))
    }

    @Test(arguments: ["https://github.com/org/fleet.git", "ssh://git@host:22/org/fleet", "file:///srv/fleet",
                      "git@github.com:org/fleet.git", "host:fleet"])
    func remoteURLs(repository: String) {
        #expect(GitRepositoryLocation(repository) == .remote(url: repository))
    }

    @Test func credentialsAreNeverShown() {
        let cases = [
            ("https://x-access-token:s3cr3t@github.com/org/fleet.git", "https://github.com/org/fleet.git"),
            ("https://s3cr3t@github.com/org/fleet.git", "https://github.com/org/fleet.git"),
            ("ssh://git:s3cr3t@host/org/fleet", "ssh://git@host/org/fleet"),
            ("ssh://git@host/org/fleet", "ssh://git@host/org/fleet"),
            ("git@github.com:org/fleet.git", "git@github.com:org/fleet.git"),
            ("https://github.com/org/fleet@v1.git", "https://github.com/org/fleet@v1.git"),
        ]
        for (url, shown) in cases {
            #expect(GitRepositoryLocation(url).displayName == shown)
        }
    }

    @Test func cacheKeysAreStableSafeAndSecretFree() {
        let key = GitRepositoryLocation.cacheKey(for: "https://x-access-token:s3cr3t@github.com/org/fleet.git")

        #expect(!key.contains("s3cr3t"))
        #expect(!key.contains("/") && !key.hasPrefix("."))
        #expect(key.hasPrefix("github.com-org-fleet.git-"))
        // A rotated token keeps the mirror; a different repository gets its own.
        #expect(key == GitRepositoryLocation.cacheKey(for: "https://x-access-token:rotated@github.com/org/fleet.git"))
        #expect(key != GitRepositoryLocation.cacheKey(for: "https://github.com/org/fleet2.git"))
        #expect(key != GitRepositoryLocation.cacheKey(for: "https://gitlab.com/org/fleet.git"))
    }

    @Test func defaultCacheRootFollowsXDG() {
        #expect(GitMirror.defaultCacheRoot(environment: ["XDG_CACHE_HOME": "/xdg", "HOME": "/home/u"])
            == "/xdg/botops/git")
        #expect(GitMirror.defaultCacheRoot(environment: ["XDG_CACHE_HOME": "relative", "HOME": "/home/u"])
            == "/home/u/.cache/botops/git")
        #expect(GitMirror.defaultCacheRoot(environment: ["HOME": "/home/u"]) == "/home/u/.cache/botops/git")
    }
}

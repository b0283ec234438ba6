import CGit2
import Foundation
import Synchronization

/// Bare mirrors of remote repositories in a cache folder, one per URL, brought up to date with
/// a fetch before each resolve.
///
/// The mirror is made with `git_repository_init` plus a fetch from an anonymous remote rather
/// than `git_clone`, so the URL (which may carry a token) is never written into the mirror's
/// config, and every fetch uses the URL as given now.
enum GitMirror {
    /// Every branch and tag, force-updated onto the same names. libgit2's default refspec would
    /// update only `refs/remotes/origin/*` and leave a bare mirror's `refs/heads/*` stale.
    static let refspecs = ["+refs/heads/*:refs/heads/*", "+refs/tags/*:refs/tags/*"]

    /// Only `branch`, onto the same name: what a daemon tracking one branch needs. (libgit2 1.5
    /// cannot fetch shallow, so the branch comes with its whole history.)
    static func refspecs(branch: String?) -> [String] {
        branch.map { ["+refs/heads/\($0):refs/heads/\($0)"] } ?? refspecs
    }

    /// `${XDG_CACHE_HOME:-$HOME/.cache}/botops/git`. A relative XDG_CACHE_HOME is ignored, as the
    /// XDG base directory specification requires.
    static func defaultCacheRoot(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") {
            return xdg + "/botops/git"
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.path
        return home + "/.cache/botops/git"
    }

    /// How long a fetch may go without a sign of life from the remote (a credential asked for, progress, a
    /// message from the server) before it is given up: long enough for a slow server to start sending a large
    /// repository, short enough that a remote which stopped answering costs a pass a minute, not the daemon.
    static let idleTimeout: Duration = .seconds(60)

    /// What a fetch needs, all of it values: the fetch runs on a thread of its own (see ``GitFetchWatch``).
    struct Fetch: Sendable {
        let url: String
        let shown: String
        let authentication: GitAuthentication
        let branch: String?
        let idleTimeout: Duration
    }

    /// Creates or updates the mirror of `url` below `cacheRoot` and returns its open handle.
    ///
    /// A failed fetch throws rather than falling back to the cached refs: reconciling against a
    /// stale branch would silently undo newer commits. So does a fetch that hears nothing from the
    /// remote for `idleTimeout` (`.repositoryTimedOut`).
    /// With `branch`, only that branch is fetched.
    static func update(url: String, cacheRoot: String, authentication: GitAuthentication = GitAuthentication(),
                       branch: String? = nil, idleTimeout: Duration = GitMirror.idleTimeout) throws -> GitRepository {
        try GitLibrary.ensureInitialized()
        let fetch = Fetch(url: url, shown: GitRepositoryLocation.redacted(url), authentication: authentication, branch: branch,
                          idleTimeout: idleTimeout)
        let path = cacheRoot + "/" + GitRepositoryLocation.cacheKey(for: url)
        if FileManager.default.fileExists(atPath: path) {
            // Opened first, so a folder that is no mirror is said to be one before any network is used.
            let repository = try openMirror(path: path, shown: fetch.shown)
            try run(fetch, into: path, mirror: path)
            return repository
        }
        return try create(fetch, path: path, cacheRoot: cacheRoot)
    }

    /// Builds the first mirror in a temporary sibling folder and renames it into place, so an
    /// interrupted first fetch never leaves a half-filled mirror, and two processes starting at
    /// once do not fetch into the same folder.
    private static func create(_ fetch: Fetch, path: String, cacheRoot: String) throws -> GitRepository {
        let fm = FileManager.default, shown = fetch.shown
        do {
            try fm.createDirectory(atPath: cacheRoot, withIntermediateDirectories: true)
        } catch {
            throw ConfigSourceError(.repositoryUnavailable,
                "cannot create the git cache folder '\(cacheRoot)' (\(error.localizedDescription)); make it writable or pass another cache folder")
        }
        let staging = cacheRoot + "/." + (path as NSString).lastPathComponent + ".tmp-" + UUID().uuidString
        defer { try? fm.removeItem(atPath: staging) }
        var handle: OpaquePointer?
        let result = git_repository_init(&handle, staging, 1)
        guard result == 0, let handle else {
            throw ConfigSourceError(.repositoryUnavailable,
                "cannot create a mirror of '\(shown)' in '\(cacheRoot)' (\(GitErrorMessage.last(code: result))); make the cache folder writable")
        }
        // Freed before the fetch, which opens the folder on its own thread, and before the folder is renamed.
        git_repository_free(handle)
        try run(fetch, into: staging, mirror: path)
        do {
            try fm.moveItem(atPath: staging, toPath: path)
        } catch {
            // Another process finished its first fetch first; use its mirror, brought up to date.
            guard fm.fileExists(atPath: path) else {
                throw ConfigSourceError(.repositoryUnavailable,
                    "cannot move the new mirror of '\(shown)' into '\(path)' (\(error.localizedDescription)); make the cache folder writable")
            }
            let repository = try openMirror(path: path, shown: shown)
            try run(fetch, into: path, mirror: path)
            return repository
        }
        return try openMirror(path: path, shown: shown)
    }

    private static func openMirror(path: String, shown: String) throws -> GitRepository {
        var handle: OpaquePointer?
        let result = git_repository_open_bare(&handle, path)
        guard result == 0, let handle else {
            throw ConfigSourceError(.repositoryUnavailable,
                "the cached mirror of '\(shown)' at '\(path)' cannot be opened (\(GitErrorMessage.last(code: result))); delete that folder to clone again")
        }
        return GitRepository.adopt(handle, displayName: shown)
    }

    /// Runs `fetch` into the bare repository at `path` on a thread of its own and waits for it while the remote
    /// shows signs of life (see ``GitFetchWatch``).
    /// While a remote stays silent, each pass would leave one more thread waiting on it: a mirror whose abandoned
    /// fetch has not ended is not fetched again until it has, so there is at most one such thread per mirror.
    /// `mirror` names the mirror for that: the final folder, also while its first fetch fills a staging one.
    private static func run(_ fetch: Fetch, into path: String, mirror: String) throws {
        let waiting = abandoned.withLock { abandoned -> Bool in
            if abandoned[mirror]?.isFinished == true { abandoned[mirror] = nil }
            return abandoned[mirror] != nil
        }
        if waiting {
            throw ConfigSourceError(.repositoryTimedOut,
                "an earlier fetch of '\(fetch.shown)' still waits for the remote, which stopped answering; "
                    + "check the network and the server (each pass tries again once that fetch has ended)")
        }
        let watch = GitFetchWatch()
        Thread { watch.finish(Result { () throws(ConfigSourceError) in try self.fetch(fetch, into: path, watch: watch) }) }.start()
        guard let outcome = watch.wait(idleTimeout: fetch.idleTimeout) else {
            abandoned.withLock { $0[mirror] = watch }
            throw ConfigSourceError(.repositoryTimedOut,
                "'\(fetch.shown)' sent nothing for \(fetch.idleTimeout.components.seconds) s during a fetch, which was given up; "
                    + "check the network and the server (the next pass fetches again)")
        }
        try outcome.get()
    }

    /// Fetches given up on, by mirror folder, until their threads end.
    private static let abandoned = Mutex<[String: GitFetchWatch]>([:])

    /// Fetches every branch and tag of the URL into the bare repository at `path`, pruning refs deleted upstream,
    /// and points the mirror's HEAD at the remote's default branch so `HEAD` means what it means
    /// on the server. Opens a handle of its own: it runs on its own thread, and may outlive its caller's wait.
    private static func fetch(_ fetch: Fetch, into path: String, watch: GitFetchWatch) throws(ConfigSourceError) {
        let url = fetch.url, shown = fetch.shown
        var handle: OpaquePointer?
        let opened = git_repository_open_bare(&handle, path)
        guard opened == 0, let handle else {
            throw ConfigSourceError(.repositoryUnavailable,
                "the mirror of '\(shown)' at '\(path)' cannot be opened (\(GitErrorMessage.last(code: opened))); delete that folder to clone again")
        }
        defer { git_repository_free(handle) }
        var remote: OpaquePointer?
        let created = git_remote_create_anonymous(&remote, handle, url)
        guard created == 0, let remote else {
            throw ConfigSourceError(.repositoryUnavailable,
                "'\(shown)' is not a usable git URL (\(scrub(GitErrorMessage.last(code: created), url: url, shown: shown))); check the repository URL")
        }
        defer { git_remote_free(remote) }

        var options = git_fetch_options()
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
        // A branch deleted upstream must stop resolving here, or it would deploy forever.
        options.prune = GIT_FETCH_PRUNE
        options.update_fetchhead = 0
        // Tags come through the explicit refspec; auto-following would only add the same ones.
        options.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE
        options.callbacks.credentials = GitCredentials.acquire
        options.callbacks.transfer_progress = { _, payload in GitCredentials.alive(payload) }
        options.callbacks.sideband_progress = { _, _, payload in GitCredentials.alive(payload) }

        var failure: String?
        let result: Int32 = withUnsafeMutablePointer(to: &options) { optionsPointer in
            var attempts = GitCredentials.Attempts(authentication: fetch.authentication, watch: watch)
            return withUnsafeMutablePointer(to: &attempts) { attemptsPointer in
                optionsPointer.pointee.callbacks.payload = UnsafeMutableRawPointer(attemptsPointer)
                let cStrings = refspecs(branch: fetch.branch).map { strdup($0) }
                defer { cStrings.forEach { free($0) } }
                var pointers: [UnsafeMutablePointer<CChar>?] = cStrings
                return pointers.withUnsafeMutableBufferPointer { buffer in
                    var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
                    let code = git_remote_fetch(remote, &array, optionsPointer, "botops: fetch")
                    if code != 0 { failure = GitErrorMessage.last(code: code) }
                    return code
                }
            }
        }
        guard result == 0 else {
            var reason = scrub(failure ?? "", url: url, shown: shown)
            // libgit2 says "no callback set" when botops' callback had nothing (more) to offer.
            if reason.contains("authentication required") {
                reason = "the server asks for credentials, and none were given or they were refused"
            }
            if reason.contains("unknown remote ssh hostkey") {
                reason += "; botops trusts only hosts in ~/.ssh/known_hosts: add this one's key there (ssh-keyscan)"
            }
            throw ConfigSourceError(.repositoryUnavailable,
                "cannot fetch '\(shown)' (\(reason)); check the URL, the network and the credentials (a token for https, an ssh key file or ssh-agent for ssh)")
        }
        pointHeadAtDefaultBranch(of: remote, in: handle)
    }

    /// Best effort: an empty remote or one with a detached HEAD has no default branch, and then
    /// `HEAD` simply fails to resolve with a clear revision error.
    private static func pointHeadAtDefaultBranch(of remote: OpaquePointer, in repository: OpaquePointer) {
        var buffer = git_buf()
        defer { git_buf_dispose(&buffer) }
        guard git_remote_default_branch(&buffer, remote) == 0, let name = buffer.ptr else { return }
        _ = git_repository_set_head(repository, name)
    }

    /// libgit2 messages sometimes quote the URL; keep any credential in it out of the message.
    private static func scrub(_ message: String, url: String, shown: String) -> String {
        url == shown ? message : message.replacingOccurrences(of: url, with: shown)
    }
}

import CGit2

/// Reads the configuration from one commit of a git repository, without a checkout.
///
/// The revision is resolved once, when the source is created, and the source then stays pinned
/// to that commit: every ``sourceFiles()`` call reads the same tree and ``revision`` names the
/// commit actually read, even if the branch moves meanwhile. To pick up new commits (the
/// periodic reconcile), create a new source.
///
/// `repository` is either a local path, opened in place (a work tree or a bare repository; parent
/// folders are not searched), or a URL (`https://`, `ssh://`, `file://`, `git@host:path`). A URL
/// is kept as a bare mirror below the cache folder, fetched (all branches and tags, pruned) every
/// time a source is created; a failed fetch throws instead of reading stale refs. Credentials in
/// an https URL are used but never shown in messages; ssh keys come from ssh-agent.
///
/// Files are chosen exactly as ``DirectorySource`` chooses them (``ConfigFileFilter``), so a
/// commit and a checkout of it load the same ``SourceFile``s. Symlinks and submodules in the tree
/// are skipped, because their content is not part of the commit's own tree.
public struct GitRevisionSource: ConfigSource {
    /// The repository as the user named it (path or URL).
    public let repository: String
    /// The revision as the user named it, e.g. `main`, `v1.2`, `HEAD~1` or a short commit id.
    public let requestedRevision: String
    /// The folder inside the repository holding the configuration, without leading or trailing
    /// slashes; nil for the repository root.
    public let subdirectory: String?
    /// The full 40-hex id of the commit `requestedRevision` resolved to.
    public let commitID: String
    /// Where the repository was opened: the local path, or the mirror folder for a URL.
    let openedPath: String
    /// The repository for messages, with any credential removed from a URL.
    let repositoryDisplayName: String

    /// Opens (or, for a URL, mirrors and fetches) `repository` and resolves `revision` to a
    /// commit.
    ///
    /// - Parameters:
    ///   - repository: a local path to a work tree or bare repository, or a URL.
    ///   - revision: anything `git rev-parse` accepts that peels to a commit.
    ///   - subdirectory: the configuration folder relative to the repository root; nil, `""` or
    ///     `"."` for the root. Leading and trailing slashes are ignored.
    ///   - cacheDirectory: the folder that holds URL mirrors, one sub-folder per URL; defaults to
    ///     `${XDG_CACHE_HOME:-$HOME/.cache}/botops/git`. Unused for local paths.
    ///   - authentication: a token or an ssh key for fetching a URL; unused for local paths.
    ///   - fetchIdleTimeout: how long a fetch may hear nothing from the remote before it is given up.
    /// - Throws: ``ConfigSourceError`` with `.repositoryUnavailable` when the repository cannot be
    ///   opened or fetched, `.repositoryTimedOut` when the remote stopped answering, `.revisionNotFound`
    ///   when the revision does not name a commit, and `.pathNotFound` when the subdirectory leaves the
    ///   repository (`..`).
    public init(repository: String, revision: String, subdirectory: String? = nil,
                cacheDirectory: String? = nil, authentication: GitAuthentication = GitAuthentication(),
                fetchIdleTimeout: Duration = .seconds(60)) throws {
        let normalized = try Self.normalize(subdirectory: subdirectory)
        let location = GitRepositoryLocation(repository)
        let opened: GitRepository
        let path: String
        var branchCommit: String?
        switch location {
        case .local(let localPath):
            opened = try GitRepository.open(path: localPath, displayName: location.displayName)
            path = localPath
        case .remote(let url):
            let cacheRoot = cacheDirectory ?? GitMirror.defaultCacheRoot()
            // A branch is fetched alone; anything else (a tag, a commit, HEAD), or a name the remote
            // has no branch of, takes a fetch of everything; so does a failed narrow fetch, and that
            // one reports the failure.
            var narrow: (mirror: GitRepository, commit: String)?
            if let branch = Self.branchName(revision) {
                do {
                    let mirror = try GitMirror.update(url: url, cacheRoot: cacheRoot, authentication: authentication, branch: branch,
                                                      idleTimeout: fetchIdleTimeout)
                    if let commit = try? mirror.resolveCommit("refs/heads/" + branch) { narrow = (mirror, commit) }
                } catch let error as ConfigSourceError where error.code == .repositoryTimedOut {
                    // A remote that stopped answering would only be waited for a second time.
                    throw error
                } catch {
                    // The fetch of everything below reports its own failure.
                }
            }
            if let narrow {
                opened = narrow.mirror
                branchCommit = narrow.commit
            } else {
                opened = try GitMirror.update(url: url, cacheRoot: cacheRoot, authentication: authentication,
                                              idleTimeout: fetchIdleTimeout)
            }
            path = String(cString: git_repository_path(opened.pointer))
        }
        self.repository = repository
        self.requestedRevision = revision
        self.subdirectory = normalized
        self.commitID = try branchCommit ?? opened.resolveCommit(revision)
        self.openedPath = path
        self.repositoryDisplayName = location.displayName
    }

    /// `<repository>@<short id>`, plus `:<subdirectory>` when reading below the root; URLs are
    /// shown without credentials.
    public var displayName: String {
        let base = repositoryDisplayName + "@" + commitID.prefix(7)
        return subdirectory.map { base + ":" + $0 } ?? base
    }

    /// A source at a commit of a repository already opened (see ``reading(at:)``).
    init(repository: String, requestedRevision: String, subdirectory: String?, commitID: String, openedPath: String,
         repositoryDisplayName: String) {
        self.repository = repository
        self.requestedRevision = requestedRevision
        self.subdirectory = subdirectory
        self.commitID = commitID
        self.openedPath = openedPath
        self.repositoryDisplayName = repositoryDisplayName
    }

    /// The subdirectory with a trailing slash, or `""` at the root, so messages show
    /// `deploy/bots/x.yaml`: the path the user sees in a checkout of the repository.
    public var displayPrefix: String {
        subdirectory.map { $0 + "/" } ?? ""
    }

    /// The full commit id the files are read at; never nil for this source.
    public var revision: String? { commitID }

    /// The repository, the commit and the folder: a commit's files never change.
    public var contentKey: String? { [openedPath, commitID, subdirectory ?? ""].joined(separator: "\u{0}") }

    /// Reads every configuration file of the pinned commit below ``subdirectory``, sorted by path.
    ///
    /// - Throws: ``ConfigSourceError`` with `.pathNotFound` when the subdirectory does not exist
    ///   at this commit or is not a folder, `.fileUnreadable` for a file that is not UTF-8, and
    ///   `.repositoryUnavailable` when the repository can no longer be opened.
    public func sourceFiles() throws -> [SourceFile] {
        let opened = try GitRepository.open(path: openedPath, displayName: repositoryDisplayName)
        return try opened.configFiles(commitID: commitID, subdirectory: subdirectory, displayPrefix: displayPrefix)
    }

    /// A file of the pinned commit below ``subdirectory``, as committed.
    public func asset(at path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8]? {
        guard let relative = Self.normalizedAssetPath(path) else {
            throw ConfigSourceError(.pathNotFound, "'\(path)' is outside the configuration folder; keep the file inside it")
        }
        do {
            let opened = try GitRepository.open(path: openedPath, displayName: repositoryDisplayName)
            return try opened.blob(commitID: commitID, path: [subdirectory, relative].compactMap { $0 }.joined(separator: "/"),
                                   maxBytes: maxBytes, shownAs: displayPrefix + relative)
        } catch let error as ConfigSourceError {
            throw error
        } catch {
            throw ConfigSourceError(.repositoryUnavailable, "\(error)")
        }
    }

    /// The branch `revision` may name (`main`, `refs/heads/main`); nil for what cannot be one
    /// (`HEAD`, `HEAD~1`, `main^`, `v1:path`, `refs/tags/v1`, a full commit id).
    static func branchName(_ revision: String) -> String? {
        let name = revision.hasPrefix("refs/heads/") ? String(revision.dropFirst("refs/heads/".count)) : revision
        let forbidden: Set<Character> = ["~", "^", ":", "?", "*", "[", "\\", " ", "@"]
        guard !name.isEmpty, name != "HEAD", !name.hasPrefix("refs/"), !name.hasPrefix("-"), !name.hasSuffix("/"),
              !name.contains(".."), !name.contains(where: forbidden.contains) else { return nil }
        if name.count == 40, name.allSatisfy(\.isHexDigit) { return nil }
        return name
    }

    /// Drops empty and `.` components so `/deploy/`, `./deploy` and `deploy` name one folder;
    /// rejects `..`, which git trees cannot express.
    static func normalize(subdirectory: String?) throws -> String? {
        guard let subdirectory else { return nil }
        let components = subdirectory.split(separator: "/").filter { $0 != "." }
        if components.contains("..") {
            throw ConfigSourceError(.pathNotFound,
                "subdirectory '\(subdirectory)' uses '..'; name a folder inside the repository, relative to its root")
        }
        return components.isEmpty ? nil : components.joined(separator: "/")
    }
}

extension GitRevisionSource: VersionedConfigSource {
    /// Opens the repository (or, for a URL, its mirror) where this source opened it, without a fetch.
    public func reading(at commit: String) throws -> any ConfigSource {
        let opened = try GitRepository.open(path: openedPath, displayName: repositoryDisplayName)
        return GitRevisionSource(repository: repository, requestedRevision: commit, subdirectory: subdirectory,
                                 commitID: try opened.resolveCommit(commit), openedPath: openedPath,
                                 repositoryDisplayName: repositoryDisplayName)
    }

    public func commits(since base: String, limit: Int) throws -> [CommitSummary] {
        let opened = try GitRepository.open(path: openedPath, displayName: repositoryDisplayName)
        return try opened.commits(from: commitID, hiding: base, limit: limit)
    }

    public func commit(_ revision: String) throws -> CommitSummary {
        try GitRepository.open(path: openedPath, displayName: repositoryDisplayName).summary(of: revision)
    }
}

import CGit2
import Foundation

/// An open libgit2 repository handle.
///
/// Deliberately not `Sendable`: a `git_repository` must not be used from two threads at once.
/// Each read opens its own handle, uses it on one thread and lets `deinit` free it, so the
/// public ``GitRevisionSource`` holds only values and stays `Sendable`.
final class GitRepository {
    /// The `git_repository *`, owned by this object.
    let pointer: OpaquePointer
    /// How the repository is named in messages: the user's path or the redacted URL, never the
    /// cache folder the URL is mirrored in.
    let displayName: String

    private init(pointer: OpaquePointer, displayName: String) {
        self.pointer = pointer
        self.displayName = displayName
    }

    deinit {
        git_repository_free(pointer)
    }

    /// Opens the work tree or bare repository at exactly `path`. It does not search parent
    /// folders: a configuration folder inside some other repository must not silently read that
    /// repository.
    static func open(path: String, displayName: String) throws -> GitRepository {
        try GitLibrary.ensureInitialized()
        var handle: OpaquePointer?
        let result = git_repository_open(&handle, path)
        guard result == 0, let handle else {
            let detail = GitErrorMessage.last(code: result)
            if !FileManager.default.fileExists(atPath: path) {
                throw ConfigSourceError(.repositoryUnavailable,
                    "repository '\(displayName)' does not exist; pass the path of a git work tree or bare repository, or a URL")
            }
            if result == GIT_EOWNER.rawValue {
                throw ConfigSourceError(.repositoryUnavailable,
                    "repository '\(displayName)' is owned by another user (\(detail)); run botops as its owner or add it to git's safe.directory")
            }
            throw ConfigSourceError(.repositoryUnavailable,
                "'\(displayName)' is not a git repository (\(detail)); pass the top folder of a work tree or a bare repository, or a URL")
        }
        return GitRepository(pointer: handle, displayName: displayName)
    }

    /// Wraps a handle created elsewhere (a new mirror), taking ownership of it.
    static func adopt(_ handle: OpaquePointer, displayName: String) -> GitRepository {
        GitRepository(pointer: handle, displayName: displayName)
    }

    /// Resolves anything `git rev-parse` accepts (branch, tag, `HEAD~1`, a full or short id)
    /// and peels it to a commit, returning the commit's full 40-hex id.
    func resolveCommit(_ revision: String) throws -> String {
        guard !revision.isEmpty else {
            throw ConfigSourceError(.revisionNotFound,
                "the revision to read from '\(displayName)' is empty; name a branch, tag or commit id (HEAD for the current one)")
        }
        var object: OpaquePointer?
        let result = git_revparse_single(&object, pointer, revision)
        guard result == 0, let object else {
            throw revisionError(revision, result: result, detail: GitErrorMessage.last(code: result))
        }
        defer { git_object_free(object) }
        var commit: OpaquePointer?
        let peeled = git_object_peel(&commit, object, GIT_OBJECT_COMMIT)
        guard peeled == 0, let commit else {
            let type = String(cString: git_object_type2string(git_object_type(object)))
            throw ConfigSourceError(.revisionNotFound,
                "revision '\(revision)' in '\(displayName)' names a \(type), not a commit; name a branch, tag or commit id")
        }
        defer { git_object_free(commit) }
        return GitObjectID.hex(git_object_id(commit).pointee)
    }

    private func revisionError(_ revision: String, result: Int32, detail: String) -> ConfigSourceError {
        // Checked first: in an empty repository every revision fails, with varying codes.
        if hasNoReferences {
            return ConfigSourceError(.revisionNotFound,
                "repository '\(displayName)' has no commits yet, so revision '\(revision)' does not exist; commit and push the configuration first")
        }
        switch result {
        case GIT_EAMBIGUOUS.rawValue:
            return ConfigSourceError(.revisionNotFound,
                "revision '\(revision)' is ambiguous in '\(displayName)'; use more characters of the commit id or the full ref name")
        case GIT_EINVALIDSPEC.rawValue:
            return ConfigSourceError(.revisionNotFound,
                "revision '\(revision)' is not valid revision syntax (\(detail)); name a branch, tag or commit id")
        case GIT_ENOTFOUND.rawValue:
            return ConfigSourceError(.revisionNotFound,
                "revision '\(revision)' not found in '\(displayName)'; check the branch, tag or commit id")
        default:
            return ConfigSourceError(.revisionNotFound,
                "revision '\(revision)' could not be resolved in '\(displayName)' (\(detail)); check the branch, tag or commit id")
        }
    }

    /// True when the repository has no branch or tag at all. Not `git_repository_is_empty`: that
    /// also requires HEAD to name `init.defaultBranch`, so it misses a repository created on
    /// `main` where the default is `master`.
    private var hasNoReferences: Bool {
        var iterator: OpaquePointer?
        guard git_reference_iterator_new(&iterator, pointer) == 0, let iterator else { return false }
        defer { git_reference_iterator_free(iterator) }
        var reference: OpaquePointer?
        let result = git_reference_next(&reference, iterator)
        if result == 0 { git_reference_free(reference) }
        return result == GIT_ITEROVER.rawValue
    }
}

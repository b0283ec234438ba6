import CGit2
import Foundation

/// One folder of one commit of a git repository, read straight from its objects (no checkout) to be
/// sent to a container engine as a build context.
///
/// Resolving is cheap (the revision and the folder's tree id), so a plan can name the image by tree
/// id without reading a file; ``files()`` reads the blobs only when a build is needed.
public struct GitBuildContext: Sendable {
    /// One entry of the context, with the path relative to the context's folder.
    public struct Entry: Sendable, Hashable {
        public enum Kind: Sendable, Hashable {
            case file(executable: Bool)
            /// A symbolic link; `data` holds its target.
            case symlink
            case directory
        }

        public let path: String
        public let kind: Kind
        public let data: Data
    }

    public let commitID: String
    /// The id of the context folder's tree: the same content gives the same id, whatever the commit.
    public let treeID: String
    /// The repository for messages, credentials removed.
    public let displayName: String
    let openedPath: String

    /// Opens `repository` (a local path, or a URL kept as a mirror like ``GitRevisionSource``'s), resolves
    /// `ref` to a commit and finds the folder `path` (the root when empty) in its tree.
    public init(repository: String, ref: String, path: String, cacheDirectory: String? = nil) throws {
        let location = GitRepositoryLocation(repository)
        let opened: GitRepository
        switch location {
        case let .local(localPath):
            opened = try GitRepository.open(path: localPath, displayName: location.displayName)
            openedPath = localPath
        case let .remote(url):
            opened = try GitMirror.update(url: url, cacheRoot: cacheDirectory ?? GitMirror.defaultCacheRoot())
            openedPath = String(cString: git_repository_path(opened.pointer))
        }
        displayName = location.displayName
        commitID = try opened.resolveCommit(ref)
        treeID = try opened.treeID(commitID: commitID, path: path)
    }

    /// Every file, link and folder below the context folder, folders first, by path. Submodules are
    /// left out: their content is in another repository.
    public func files() throws -> [Entry] {
        let repository = try GitRepository.open(path: openedPath, displayName: displayName)
        return try repository.entries(ofTree: treeID)
    }
}

extension GitRepository {
    /// The tree id of folder `path` in commit `commitID`.
    func treeID(commitID: String, path: String) throws -> String {
        guard var oid = GitObjectID.parse(commitID) else {
            throw ConfigSourceError(.revisionNotFound, "'\(commitID)' is not a full commit id")
        }
        var commit: OpaquePointer?
        let lookup = git_commit_lookup(&commit, pointer, &oid)
        guard lookup == 0, let commit else {
            throw ConfigSourceError(.revisionNotFound, "commit \(commitID.prefix(7)) is not in '\(displayName)'")
        }
        defer { git_commit_free(commit) }
        var root: OpaquePointer?
        let rootResult = git_commit_tree(&root, commit)
        guard rootResult == 0, let root else {
            throw ConfigSourceError(.repositoryUnavailable,
                "cannot read the tree of commit \(commitID.prefix(7)) in '\(displayName)' (\(GitErrorMessage.last(code: rootResult)))")
        }
        defer { git_tree_free(root) }
        let trimmed = path.split(separator: "/").joined(separator: "/")
        guard !trimmed.isEmpty else { return GitObjectID.hex(git_tree_id(root).pointee) }
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, trimmed)
        guard result == 0, let entry else {
            throw ConfigSourceError(.pathNotFound,
                "folder '\(trimmed)' does not exist at \(commitID.prefix(7)) in '\(displayName)'; build.path is relative to the repository root")
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE else {
            throw ConfigSourceError(.pathNotFound, "'\(trimmed)' at \(commitID.prefix(7)) in '\(displayName)' is not a folder")
        }
        return GitObjectID.hex(git_tree_entry_id(entry).pointee)
    }

    func entries(ofTree treeID: String) throws -> [GitBuildContext.Entry] {
        guard var oid = GitObjectID.parse(treeID) else { throw ConfigSourceError(.pathNotFound, "'\(treeID)' is not a tree id") }
        var tree: OpaquePointer?
        let lookup = git_tree_lookup(&tree, pointer, &oid)
        guard lookup == 0, let tree else {
            throw ConfigSourceError(.repositoryUnavailable, "tree \(treeID.prefix(7)) is not in '\(displayName)'")
        }
        defer { git_tree_free(tree) }
        var entries: [GitBuildContext.Entry] = []
        try walk(tree, prefix: "", into: &entries)
        return entries
    }

    private func walk(_ tree: OpaquePointer, prefix: String, into entries: inout [GitBuildContext.Entry]) throws {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let path = prefix + String(cString: git_tree_entry_name(entry))
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                entries.append(GitBuildContext.Entry(path: path, kind: .directory, data: Data()))
                var child: OpaquePointer?
                guard git_tree_lookup(&child, pointer, git_tree_entry_id(entry)) == 0, let child else {
                    throw ConfigSourceError(.repositoryUnavailable, "cannot read folder '\(path)' in '\(displayName)'")
                }
                defer { git_tree_free(child) }
                try walk(child, prefix: path + "/", into: &entries)
            case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE, GIT_FILEMODE_LINK:
                var blob: OpaquePointer?
                guard git_blob_lookup(&blob, pointer, git_tree_entry_id(entry)) == 0, let blob else {
                    throw ConfigSourceError(.fileUnreadable,
                        "cannot read '\(path)' in '\(displayName)'; check that the repository is complete (not a partial clone)")
                }
                defer { git_blob_free(blob) }
                let size = Int(git_blob_rawsize(blob))
                let data = size == 0 ? Data() : Data(bytes: git_blob_rawcontent(blob), count: size)
                let mode = git_tree_entry_filemode(entry)
                entries.append(GitBuildContext.Entry(
                    path: path, kind: mode == GIT_FILEMODE_LINK ? .symlink : .file(executable: mode == GIT_FILEMODE_BLOB_EXECUTABLE),
                    data: data))
            default:
                continue
            }
        }
    }
}

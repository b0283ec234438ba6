import CGit2
import Foundation

extension GitRepository {
    /// Reads every configuration file of commit `commitID`, below `subdirectory` when given,
    /// with paths relative to that folder, sorted by path.
    ///
    /// `displayPrefix` is put before relative paths in messages so they match what the user sees
    /// in a checkout. Blobs are read as committed: checkout filters (line-ending conversion,
    /// LFS smudging) are not applied, so a plan reflects exactly what is in git.
    func configFiles(commitID: String, subdirectory: String?, displayPrefix: String) throws -> [SourceFile] {
        let shortID = String(commitID.prefix(7))
        guard var oid = GitObjectID.parse(commitID) else {
            throw ConfigSourceError(.revisionNotFound,
                "'\(commitID)' is not a full commit id; resolve the revision again")
        }
        var commit: OpaquePointer?
        let lookup = git_commit_lookup(&commit, pointer, &oid)
        guard lookup == 0, let commit else {
            throw ConfigSourceError(.revisionNotFound,
                "commit \(shortID) is no longer in '\(displayName)' (\(GitErrorMessage.last(code: lookup))); resolve the revision again")
        }
        defer { git_commit_free(commit) }
        var rootTree: OpaquePointer?
        let treeResult = git_commit_tree(&rootTree, commit)
        guard treeResult == 0, let rootTree else {
            throw unreadable("the tree of commit \(shortID)", result: treeResult)
        }
        defer { git_tree_free(rootTree) }

        var files: [SourceFile] = []
        if let subdirectory {
            let tree = try subtree(of: rootTree, at: subdirectory, shortID: shortID)
            defer { git_tree_free(tree) }
            try collect(tree: tree, relative: "", displayPrefix: displayPrefix, shortID: shortID, into: &files)
        } else {
            try collect(tree: rootTree, relative: "", displayPrefix: displayPrefix, shortID: shortID, into: &files)
        }
        return files.sorted { $0.path < $1.path }
    }

    /// The blob at `path` (from the repository root) of commit `commitID`; nil when there is none there.
    func blob(commitID: String, path: String, maxBytes: Int, shownAs shown: String) throws -> [UInt8]? {
        let shortID = String(commitID.prefix(7))
        guard var oid = GitObjectID.parse(commitID) else {
            throw ConfigSourceError(.revisionNotFound, "'\(commitID)' is not a full commit id; resolve the revision again")
        }
        var commit: OpaquePointer?
        let lookup = git_commit_lookup(&commit, pointer, &oid)
        guard lookup == 0, let commit else {
            throw ConfigSourceError(.revisionNotFound, "commit \(shortID) is no longer in '\(displayName)'; resolve the revision again")
        }
        defer { git_commit_free(commit) }
        var rootTree: OpaquePointer?
        let treeResult = git_commit_tree(&rootTree, commit)
        guard treeResult == 0, let rootTree else { throw unreadable("the tree of commit \(shortID)", result: treeResult) }
        defer { git_tree_free(rootTree) }
        var entry: OpaquePointer?
        let found = git_tree_entry_bypath(&entry, rootTree, path)
        if found == GIT_ENOTFOUND.rawValue { return nil }
        guard found == 0, let entry else { throw unreadable("'\(shown)' at \(shortID)", result: found) }
        defer { git_tree_entry_free(entry) }
        let mode = git_tree_entry_filemode(entry)
        guard mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE else { return nil }
        var blob: OpaquePointer?
        let read = git_blob_lookup(&blob, pointer, git_tree_entry_id(entry))
        guard read == 0, let blob else { throw unreadable("'\(shown)' at \(shortID)", result: read) }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        guard size <= maxBytes else {
            throw ConfigSourceError(.fileTooLarge, "'\(shown)' at \(shortID) is \(size) bytes, over the limit of \(maxBytes)")
        }
        guard size > 0, let raw = git_blob_rawcontent(blob) else { return [] }
        return Array(UnsafeRawBufferPointer(start: raw, count: size))
    }

    /// Looks up the folder `path` below `root`; the caller frees the returned tree.
    private func subtree(of root: OpaquePointer, at path: String, shortID: String) throws -> OpaquePointer {
        var entry: OpaquePointer?
        let result = git_tree_entry_bypath(&entry, root, path)
        guard result == 0, let entry else {
            if result == GIT_ENOTFOUND.rawValue {
                throw ConfigSourceError(.pathNotFound,
                    "folder '\(path)' does not exist at \(shortID) in '\(displayName)'; check the subdirectory, relative to the repository root")
            }
            throw unreadable("folder '\(path)' at \(shortID)", result: result)
        }
        defer { git_tree_entry_free(entry) }
        guard git_tree_entry_filemode(entry) == GIT_FILEMODE_TREE else {
            throw ConfigSourceError(.pathNotFound,
                "'\(path)' at \(shortID) in '\(displayName)' is not a folder; name the folder holding the configuration")
        }
        var tree: OpaquePointer?
        let lookup = git_tree_lookup(&tree, pointer, git_tree_entry_id(entry))
        guard lookup == 0, let tree else {
            throw unreadable("folder '\(path)' at \(shortID)", result: lookup)
        }
        return tree
    }

    // Iterates entries by index rather than through git_tree_walk: a plain loop can throw and
    // append to `files` directly, where a C callback could capture neither.
    private func collect(tree: OpaquePointer, relative: String, displayPrefix: String, shortID: String,
                         into files: inout [SourceFile]) throws {
        for index in 0..<git_tree_entrycount(tree) {
            guard let entry = git_tree_entry_byindex(tree, index) else { continue }
            let name = String(cString: git_tree_entry_name(entry))
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            switch git_tree_entry_filemode(entry) {
            case GIT_FILEMODE_TREE:
                guard !ConfigFileFilter.isSkippedFolder(name: name) else { continue }
                var child: OpaquePointer?
                let lookup = git_tree_lookup(&child, pointer, git_tree_entry_id(entry))
                guard lookup == 0, let child else {
                    throw unreadable("folder '\(displayPrefix + childRelative)' at \(shortID)", result: lookup)
                }
                defer { git_tree_free(child) }
                try collect(tree: child, relative: childRelative, displayPrefix: displayPrefix, shortID: shortID,
                            into: &files)
            case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
                guard ConfigFileFilter.isConfigFile(name: name) else { continue }
                let text = try readText(entry: entry, shownAs: displayPrefix + childRelative, shortID: shortID)
                files.append(SourceFile(path: childRelative, text: text))
            default:
                // Symlinks (GIT_FILEMODE_LINK) are skipped: in git a symlink is only its target's
                // path, which may point outside the tree or to a file absent at this revision,
                // so following it would read something other than the commit. Submodules
                // (GIT_FILEMODE_COMMIT) are skipped: their files live in another repository
                // that is not in this object database.
                continue
            }
        }
    }

    private func readText(entry: OpaquePointer, shownAs path: String, shortID: String) throws -> String {
        var blob: OpaquePointer?
        let lookup = git_blob_lookup(&blob, pointer, git_tree_entry_id(entry))
        guard lookup == 0, let blob else {
            throw ConfigSourceError(.fileUnreadable,
                "cannot read '\(path)' at \(shortID) in '\(displayName)' (\(GitErrorMessage.last(code: lookup))); check that the repository is complete (not a partial clone)")
        }
        defer { git_blob_free(blob) }
        let size = Int(git_blob_rawsize(blob))
        let data = size == 0 ? Data() : Data(bytes: git_blob_rawcontent(blob), count: size)
        // Decoded exactly as DirectorySource decodes a file, so a checkout and its commit give
        // equal SourceFiles.
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigSourceError(.fileUnreadable,
                "'\(path)' at \(shortID) in '\(displayName)' is not UTF-8 text; save it as UTF-8 and commit it")
        }
        return text
    }

    private func unreadable(_ what: String, result: Int32) -> ConfigSourceError {
        ConfigSourceError(.repositoryUnavailable,
            "cannot read \(what) in '\(displayName)' (\(GitErrorMessage.last(code: result))); check that the repository is not corrupt")
    }
}

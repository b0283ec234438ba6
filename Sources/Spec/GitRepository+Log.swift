import CGit2
import Foundation

extension GitRepository {
    /// The commits reachable from `tip` and not from `base`, newest first (git's
    /// `log base..tip`), at most `limit`.
    func commits(from tip: String, hiding base: String, limit: Int) throws -> [CommitSummary] {
        var walk: OpaquePointer?
        guard git_revwalk_new(&walk, pointer) == 0, let walk else {
            throw ConfigSourceError(.repositoryUnavailable, "cannot list the commits of '\(displayName)' (\(GitErrorMessage.last(code: -1)))")
        }
        defer { git_revwalk_free(walk) }
        git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue)
        guard var tipID = GitObjectID.parse(try resolveCommit(tip)), var baseID = GitObjectID.parse(try resolveCommit(base)) else {
            throw ConfigSourceError(.revisionNotFound, "cannot list the commits between \(base.prefix(7)) and \(tip.prefix(7)) in '\(displayName)'")
        }
        guard git_revwalk_push(walk, &tipID) == 0 else {
            throw ConfigSourceError(.revisionNotFound, "commit \(tip.prefix(7)) is not in '\(displayName)'")
        }
        guard git_revwalk_hide(walk, &baseID) == 0 else {
            throw ConfigSourceError(.revisionNotFound, "commit \(base.prefix(7)) is not in '\(displayName)' (was the branch rewritten?)")
        }
        var commits: [CommitSummary] = []
        var next = git_oid()
        while commits.count < limit, git_revwalk_next(&next, walk) == 0 {
            var commit: OpaquePointer?
            guard git_commit_lookup(&commit, pointer, &next) == 0, let commit else { continue }
            defer { git_commit_free(commit) }
            commits.append(Self.summary(commit, id: next))
        }
        return commits
    }

    /// The commit `revision` names: its subject, author and time.
    func summary(of revision: String) throws -> CommitSummary {
        guard var id = GitObjectID.parse(try resolveCommit(revision)) else {
            throw ConfigSourceError(.revisionNotFound, "commit \(revision.prefix(7)) is not in '\(displayName)'")
        }
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, pointer, &id) == 0, let commit else {
            throw ConfigSourceError(.revisionNotFound, "commit \(revision.prefix(7)) is not in '\(displayName)'")
        }
        defer { git_commit_free(commit) }
        return Self.summary(commit, id: id)
    }

    private static func summary(_ commit: OpaquePointer, id: git_oid) -> CommitSummary {
        let subject = git_commit_summary(commit).map { String(cString: $0) } ?? ""
        let author = git_commit_author(commit).flatMap { $0.pointee.name.map { String(cString: $0) } }
        let seconds = git_commit_time(commit)
        return CommitSummary(id: GitObjectID.hex(id), subject: subject, author: author,
                             date: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}

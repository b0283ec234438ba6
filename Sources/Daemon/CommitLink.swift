import Foundation

/// The web page of a commit, for the repositories whose forges have a known URL for one: GitHub,
/// GitLab (`/-/commit/`), and Gitea, Forgejo and Bitbucket-like forges (`/commit/`). Made from the
/// `--repo` the daemon reads, never with the credentials that URL may carry.
public struct CommitLink: Sendable, Hashable {
    /// `https://host/owner/name`.
    public let repositoryPage: String
    let gitLab: Bool

    /// Nil for a local path or a URL that names no web page (a `file://` or `git://` remote).
    public init?(repository: String) {
        var host: String, path: String
        if repository.hasPrefix("https://") || repository.hasPrefix("http://") || repository.hasPrefix("ssh://") {
            guard let components = URLComponents(string: repository), let name = components.host, !name.isEmpty else { return nil }
            host = name
            path = components.path
        } else if let at = repository.firstIndex(of: "@"), let colon = repository[at...].firstIndex(of: ":"),
                  !repository.contains("://") {
            // scp-like `git@github.com:owner/name.git`.
            host = String(repository[repository.index(after: at)..<colon])
            path = "/" + repository[repository.index(after: colon)...]
        } else {
            return nil
        }
        if path.hasSuffix("/") { path.removeLast() }
        if path.hasSuffix(".git") { path.removeLast(4) }
        guard path.split(separator: "/").count >= 2, !host.isEmpty else { return nil }
        repositoryPage = "https://\(host)\(path)"
        gitLab = host.lowercased().contains("gitlab")
    }

    /// The page of `revision`.
    public func url(for revision: String) -> String {
        repositoryPage + (gitLab ? "/-/commit/" : "/commit/") + revision
    }
}

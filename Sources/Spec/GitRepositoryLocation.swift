import CGit2
import Foundation

/// Where a git repository lives, as named by the user: a folder on this machine or a URL that
/// has to be mirrored into the cache first.
enum GitRepositoryLocation: Sendable, Hashable {
    /// A work tree or bare repository opened in place.
    case local(path: String)
    /// A remote repository (`https://`, `ssh://`, `file://`, `git@host:path`).
    case remote(url: String)

    /// Classifies `repository` the way `git clone` does: anything with `://` is a URL, and so is
    /// scp syntax (`[user@]host:path`, a colon before the first slash); everything else is a path.
    init(_ repository: String) {
        if repository.contains("://") {
            self = .remote(url: repository)
            return
        }
        if let colon = repository.firstIndex(of: ":") {
            let host = repository[..<colon]
            // A one-letter "host" is a Windows drive letter (`C:\repo`), never scp syntax.
            if !host.contains("/"), host.count > 1 {
                self = .remote(url: repository)
                return
            }
        }
        self = .local(path: repository)
    }

    /// The location for messages: URLs lose any password or token in their user part, so a
    /// credential passed in the URL is never printed.
    var displayName: String {
        switch self {
        case .local(let path):
            return path
        case .remote(let url):
            return Self.redacted(url)
        }
    }

    /// Removes credentials from `scheme://user:secret@host/...`. For http(s) the whole user part
    /// goes, since hosting services take tokens as the user name (`https://TOKEN@host/...`); for
    /// other schemes only the password goes, since an ssh user name (`git@`) is not a secret.
    static func redacted(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard let at = authority.lastIndex(of: "@") else { return url }
        let userInfo = authority[..<at]
        let host = authority[authority.index(after: at)...]
        let keptUser: String
        if scheme == "http" || scheme == "https" {
            keptUser = ""
        } else if let colon = userInfo.firstIndex(of: ":") {
            keptUser = String(userInfo[..<colon]) + "@"
        } else {
            keptUser = String(userInfo) + "@"
        }
        return String(url[..<schemeEnd.upperBound]) + keptUser + host + rest[authorityEnd...]
    }

    /// The folder name of this URL's mirror below the cache root: a readable tail of the URL plus
    /// a hash of it, so two URLs never share a mirror and the name stays a single, safe path
    /// component. The hash covers the redacted URL, so rotating a token in the URL reuses the
    /// mirror, and the folder name never contains the token.
    static func cacheKey(for url: String) -> String {
        let redacted = redacted(url)
        // The scheme adds nothing readable; the host and path's end say which repository it is.
        let withoutScheme = redacted.range(of: "://").map { String(redacted[$0.upperBound...]) } ?? redacted
        var readable = ""
        for character in withoutScheme.unicodeScalars.suffix(48) {
            let keep = CharacterSet.alphanumerics.contains(character) && character.isASCII
                || character == "." || character == "_" || character == "-"
            if keep {
                readable.unicodeScalars.append(character)
            } else if !readable.hasSuffix("-") {
                readable += "-"
            }
        }
        readable = readable.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
        return (readable.isEmpty ? "repo" : readable) + "-" + hashHex(of: redacted).prefix(16)
    }

    /// A SHA-1 of `text` through libgit2 (the id `git hash-object` would give it): stable across
    /// runs and machines, unlike `Hasher`, and needs no extra dependency in this target.
    private static func hashHex(of text: String) -> String {
        // Hashing needs libgit2's global state; initialisation only fails when the process is
        // out of memory, and then the clone that follows reports it properly.
        try? GitLibrary.ensureInitialized()
        var oid = git_oid()
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { buffer in
            git_odb_hash(&oid, buffer.baseAddress, buffer.count, GIT_OBJECT_BLOB)
        }
        return GitObjectID.hex(oid)
    }
}

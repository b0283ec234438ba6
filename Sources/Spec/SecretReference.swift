/// Where a secret lives. Secrets are never written in the configuration, only referenced.
public struct SecretReference: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Origin: Sendable, Hashable, Codable {
        /// An environment variable of the botops process.
        case environment(String)
        /// A file whose content (without a trailing newline) is the secret.
        case file(String)
    }

    public let origin: Origin
    /// Where the reference is written, for errors when it cannot be resolved.
    public let location: SourceLocation

    public init(_ origin: Origin, location: SourceLocation) {
        self.origin = origin
        self.location = location
    }

    /// `env:NAME` or `file:/path`: safe to print, it names the secret without revealing it.
    public var description: String {
        switch origin {
        case let .environment(name): return "env:\(name)"
        case let .file(path): return "file:\(path)"
        }
    }
}

/// One configuration file as read from a directory or a git revision.
///
/// `path` is relative to the configuration root and always `/`-separated, so the same files read
/// from a directory and from a git tree compare equal.
public struct SourceFile: Sendable, Hashable {
    /// The file's path relative to the configuration root, e.g. `bots/pingme.yaml`.
    public let path: String
    /// The file's text, decoded as UTF-8.
    public let text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

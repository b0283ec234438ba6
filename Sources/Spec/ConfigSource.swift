/// Where the desired state is read from: a directory on disk or a git revision.
///
/// Implementations return every configuration file below the root (see ``ConfigFileFilter``),
/// sorted by path, or throw a ``ConfigSourceError`` when the root itself cannot be read.
public protocol ConfigSource: Sendable {
    /// How the source is named in messages, e.g. `examples/fleet` or `repo@abc1234:deploy`.
    var displayName: String { get }
    /// The prefix to put before a file's relative path when showing it to the user, so that an
    /// editor opened from the user's working directory finds the file (`examples/fleet/`).
    var displayPrefix: String { get }
    /// The revision the files were read at, when the source is versioned (a full commit id).
    var revision: String? { get }
    /// Reads every configuration file, sorted by path.
    func sourceFiles() throws -> [SourceFile]
    /// A name for exactly these files, when the source can promise they never change under it (a
    /// commit of a repository); nil when they may (a folder). Equal keys mean equal files, so a
    /// load may be remembered by it (``SpecLoader``).
    var contentKey: String? { get }
    /// The bytes of a file the configuration names (a profile photo) at `path`, relative to the root and
    /// inside it, read as the configuration is (from the folder, or from the commit); nil when there is
    /// no such file. Throws `.fileTooLarge` past `maxBytes` without reading it all.
    func asset(at path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8]?
}

extension ConfigSource {
    public var contentKey: String? { nil }

    /// A source that holds configuration files only has no other files to give.
    public func asset(at path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8]? {
        throw ConfigSourceError(.fileUnreadable, "\(displayName) holds configuration files only; '\(path)' cannot be read from it")
    }

    /// `path` with `.` and `..` resolved, or nil when it leaves the root (or is absolute).
    public static func normalizedAssetPath(_ path: String) -> String? {
        guard !path.hasPrefix("/") else { return nil }
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: "/")
    }
}

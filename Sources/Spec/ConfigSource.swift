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
}

extension ConfigSource {
    public var contentKey: String? { nil }
}

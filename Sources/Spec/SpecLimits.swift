/// Bounds on what one configuration file may cost to read, so that a file from an untrusted pull
/// request (`validate` and `diff` run on forks) cannot keep CI busy or exhaust its memory.
///
/// A file past any bound gets one `input-limit` diagnostic and is not read further; the defaults are
/// far above what a fleet's configuration needs.
public struct SpecLimits: Sendable, Hashable, CustomStringConvertible {
    /// The largest file read, in bytes (default 4 MiB).
    public var maxFileBytes: Int
    /// How many nodes aliases may add in one file, counting each node an alias repeats, so a
    /// "billion laughs" file (aliases of aliases) is refused before anything walks it.
    public var maxAliasNodes: Int
    /// How deeply mappings and sequences may nest.
    public var maxDepth: Int

    public static let defaultMaxFileBytes = 4 * 1024 * 1024

    public init(maxFileBytes: Int = SpecLimits.defaultMaxFileBytes, maxAliasNodes: Int = 100_000, maxDepth: Int = 64) {
        self.maxFileBytes = maxFileBytes
        self.maxAliasNodes = maxAliasNodes
        self.maxDepth = maxDepth
    }

    public var description: String { "bytes=\(maxFileBytes),aliasNodes=\(maxAliasNodes),depth=\(maxDepth)" }
}

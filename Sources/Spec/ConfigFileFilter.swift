/// Decides which files below the configuration root are configuration.
///
/// Shared by every ``ConfigSource`` so a directory and a git revision holding the same tree
/// load the same files.
public enum ConfigFileFilter {
    /// True for `*.yaml` and `*.yml` files.
    public static func isConfigFile(name: String) -> Bool {
        name.hasSuffix(".yaml") || name.hasSuffix(".yml")
    }

    /// True for folders that are skipped with everything below them: dot-folders such as `.git`
    /// and `.botops` (the state folder).
    public static func isSkippedFolder(name: String) -> Bool {
        name.hasPrefix(".")
    }
}

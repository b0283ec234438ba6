/// A configuration source could not be read at all (as opposed to a problem inside a file,
/// which is a ``Diagnostic``).
public struct ConfigSourceError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable code.
    public struct Code: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The directory does not exist or cannot be listed.
        public static let directoryUnreadable = Code(rawValue: "directory-unreadable")
        /// A file could not be read or is not UTF-8.
        public static let fileUnreadable = Code(rawValue: "file-unreadable")
        /// The git repository could not be opened or cloned.
        public static let repositoryUnavailable = Code(rawValue: "repository-unavailable")
        /// The git remote sent nothing for longer than a fetch waits (a server or a network that stopped answering).
        public static let repositoryTimedOut = Code(rawValue: "repository-timed-out")
        /// The revision does not name a commit in the repository.
        public static let revisionNotFound = Code(rawValue: "revision-not-found")
        /// The sub-path does not exist at that revision or is not a folder.
        public static let pathNotFound = Code(rawValue: "path-not-found")
        /// A file the configuration names (a profile photo) is larger than allowed.
        public static let fileTooLarge = Code(rawValue: "file-too-large")
        /// A file the configuration names is no longer what was validated (a folder edited since).
        public static let fileChanged = Code(rawValue: "file-changed")
    }

    public let code: Code
    /// What happened and what to do, in one sentence each.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

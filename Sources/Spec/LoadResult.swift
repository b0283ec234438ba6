/// What loading a configuration produced: the desired state when it is valid, and every diagnostic.
public struct LoadResult: Sendable {
    /// Nil when any error was found: botops never acts on a configuration with errors.
    public let state: DesiredState?
    /// All problems, sorted by location.
    public let diagnostics: [Diagnostic]
    public let documentCount: Int
    public let fileCount: Int

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
    public var isValid: Bool { state != nil }
}

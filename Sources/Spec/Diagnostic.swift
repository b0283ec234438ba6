/// One problem found in the user's configuration, at a precise location.
public struct Diagnostic: Sendable, Hashable, Codable, Comparable {
    public let severity: DiagnosticSeverity
    public let code: DiagnosticCode
    public let location: SourceLocation
    /// What is wrong and, where it helps, what to do, in the user's terms.
    public let message: String

    public init(_ severity: DiagnosticSeverity, _ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    /// Sorted by file, line, column, then errors before warnings, then message.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.severity != rhs.severity { return lhs.severity == .error }
        return lhs.message < rhs.message
    }
}

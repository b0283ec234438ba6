/// How serious a ``Diagnostic`` is. Errors make the configuration invalid; warnings do not.
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable {
    case error
    case warning
}

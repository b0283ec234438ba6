/// Collects diagnostics while one configuration is read.
///
/// A class because every reader of one load appends to the same list; it is confined to the
/// loading call and never shared across tasks, hence not Sendable.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<Diagnostic> = []
    private var literalSecretLocations: Set<SourceLocation> = []

    func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        add(Diagnostic(.error, code, at: location, message))
    }

    func warning(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        add(Diagnostic(.warning, code, at: location, message))
    }

    func add(_ diagnostic: Diagnostic) {
        // One literal secret is reported once, whichever rule saw it first.
        if diagnostic.code == .literalSecret {
            guard literalSecretLocations.insert(diagnostic.location).inserted else { return }
        }
        if seen.insert(diagnostic).inserted {
            diagnostics.append(diagnostic)
        }
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// What a kind's own check (``KindSpec/check``) sees of the whole configuration, and where it reports.
/// Lives for one load; not shared across tasks.
public struct KindCheckContext {
    /// The configuration's Project, when exactly one was read.
    public let project: Project?
    /// Every name written per kind, including documents whose spec had errors.
    let names: [ResourceKind: Set<String>]
    let sink: DiagnosticSink
    /// Every resource that decoded, by kind: for a rule across kinds (a Booster's channel that no Channel declares).
    var declared: [ResourceKind: [any DeclaredResource]] = [:]

    /// The resources of another kind that decoded.
    public func resources<R: DeclaredResource>(_ type: R.Type) -> [R] {
        (declared[R.kind] ?? []).compactMap { $0 as? R }
    }

    /// Reports a warning at `location`.
    public func warning(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        sink.warning(code, at: location, message)
    }

    /// The names declared of `kind`.
    public func names(of kind: ResourceKind) -> Set<String> { names[kind] ?? [] }

    /// Reports an error at `location`.
    public func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        sink.error(code, at: location, message)
    }
}

/// What a kind's own check (``KindSpec/check``) sees of the whole configuration, and where it reports.
/// Lives for one load; not shared across tasks.
public struct KindCheckContext {
    /// The configuration's Project, when exactly one was read.
    public let project: Project?
    /// Every name written per kind, including documents whose spec had errors.
    let names: [ResourceKind: Set<String>]
    let sink: DiagnosticSink

    /// The names declared of `kind`.
    public func names(of kind: ResourceKind) -> Set<String> { names[kind] ?? [] }

    /// Reports an error at `location`.
    public func error(_ code: DiagnosticCode, at location: SourceLocation, _ message: String) {
        sink.error(code, at: location, message)
    }
}

import Dispatch
import Synchronization

/// Loads and validates a configuration: parses every file, decodes every document, checks
/// references across documents, and reports every problem at once.
public struct SpecLoader: Sendable {
    /// What one file may cost to read; a file past a limit is reported and not read further.
    public let limits: SpecLimits
    /// The kinds documents may declare.
    public let kinds: KindRegistry
    /// Where loads of unchanging sources are remembered; nil reads every time.
    public let cache: LoadCache?

    public init(limits: SpecLimits = SpecLimits(), kinds: KindRegistry = .standard, cache: LoadCache? = nil) {
        self.limits = limits
        self.kinds = kinds
        self.cache = cache
    }

    /// Reads the files of `source` and validates them. Throws only when the source itself cannot
    /// be read (a missing folder, an unknown revision); problems in files are diagnostics.
    ///
    /// With a ``cache``, a source with a ``ConfigSource/contentKey`` (a git commit) is loaded once per
    /// key and then remembered: the daemon loads the revision it applied last again on every push, to
    /// see what changed.
    public func load(from source: any ConfigSource) throws -> LoadResult {
        // The limits and kinds are part of the key: the same commit read with a raised limit reads differently.
        let key = source.contentKey.map { "\($0)|\(signature)" }
        if let key, let remembered = cache?.result(for: key) { return remembered }
        let files = try source.sourceFiles()
        let result = load(files: files, revision: source.revision, assets: source)
        if let key { cache?.remember(result, for: key) }
        return result
    }

    /// What makes the same text read differently: the limits and the kinds.
    private var signature: String { "\(limits)|\(kinds.signature)" }

    /// What one file contributes; files are read independently, so on all cores at once.
    struct FileOutcome: Sendable {
        var documentCount = 0
        var resources: [any DeclaredResource] = []
        var declared: [ResourceAddress] = []
        var diagnostics: [Diagnostic] = []
    }

    private func read(_ file: SourceFile, assets: AssetCatalog, use: AssetUse) -> FileOutcome {
        let sink = DiagnosticSink()
        let context = ReadContext(file: file.path, sink: sink, assets: assets, assetUse: use)
        let documents = YAMLComposer(limits: limits, context: context).documents(of: file)
        var outcome = FileOutcome(documentCount: documents.count)
        let reader = DocumentReader(context: context, kinds: kinds)
        let scanner = TokenScanner(context: context)
        for document in documents {
            // Decode first, so a literal token in a secret field gets the field's own message.
            if let resource = reader.read(document, declared: &outcome.declared) {
                outcome.resources.append(resource)
            }
            scanner.scan(document)
        }
        outcome.diagnostics = sink.diagnostics
        return outcome
    }

    /// Validates files already read. The files they name (photos) are read from `assets`, the
    /// source they came from; without it, a file named is an error.
    public func load(files: [SourceFile], revision: String? = nil, assets source: (any ConfigSource)? = nil) -> LoadResult {
        let assets = AssetCatalog(source: source)
        let outcomes = Mutex([FileOutcome?](repeating: nil, count: files.count))
        let remembered = cache?.files, generation = remembered?.startLoad() ?? 0, signature = self.signature
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let file = files[index]
            let key = FileOutcomeCache.Key(signature: signature, path: file.path, text: file.text)
            if let known = remembered?.outcome(for: key, generation: generation) {
                outcomes.withLock { $0[index] = known }
                return
            }
            let use = AssetUse()
            let outcome = read(file, assets: assets, use: use)
            remembered?.read(outcome, for: key, generation: generation, namedOtherFiles: use.any)
            outcomes.withLock { $0[index] = outcome }
        }
        remembered?.finishLoad(generation)
        // Merged in file order, so the result does not depend on which core finished first.
        let sink = DiagnosticSink()
        var resources: [any DeclaredResource] = []
        var declared: [ResourceAddress] = []
        var documentCount = 0
        for outcome in outcomes.withLock({ $0 }) {
            guard let outcome else { continue }
            documentCount += outcome.documentCount
            resources += outcome.resources
            declared += outcome.declared
            outcome.diagnostics.forEach(sink.add)
        }
        let fallback = files.first.map { SourceLocation(file: $0.path, line: 1, column: 1) }
            ?? SourceLocation(file: "botops.yaml", line: 1, column: 1)
        ReferenceChecker(resources: resources, declared: Set(declared), kinds: kinds, sink: sink, fallbackLocation: fallback).check()
        let diagnostics = sink.diagnostics.sorted()
        var state = sink.hasErrors ? nil : assemble(resources, revision: revision)
        state?.assets = assets
        return LoadResult(state: state, diagnostics: diagnostics, documentCount: documentCount, fileCount: files.count)
    }

    /// The valid configuration: its resources by kind, each completed by its kind's link, then the
    /// derived kinds made from them, in rank order.
    private func assemble(_ resources: [any DeclaredResource], revision: String?) -> DesiredState? {
        guard let project = resources.lazy.compactMap({ $0 as? Project }).first else { return nil }
        var state = DesiredState(project: project, resources: resources.filter { type(of: $0).kind != .project }, revision: revision)
        let declared = state
        for spec in kinds.specs {
            if let link = spec.link {
                state.replace(spec.kind, with: link(declared.resources(of: spec.kind), declared))
            }
        }
        let linked = state
        for spec in kinds.specs {
            if let derive = spec.derive { state.replace(spec.kind, with: derive(linked)) }
        }
        return state
    }
}

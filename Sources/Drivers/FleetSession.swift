import Foundation
import Logging
import Reconciler
import Spec

/// Everything one reconcile needs that is not the engine: loading the configuration (a folder or a
/// git revision), choosing the state store (the Project's `state`, or an override), and drivers
/// from a long-lived ``DriverCatalog``. The CLI and the daemon run the same code through it; each
/// call loads the configuration anew, so a daemon sees every new commit.
public struct FleetSession: Sendable {
    /// What to reconcile and how.
    public struct Request: Sendable {
        public var source: any ConfigSource
        /// `file:PATH`, `postgres` or a `postgres://` URL overrides the Project's `state`; nil keeps it
        /// (default `.botops/state.json` in the configuration folder, in the current folder for a repository).
        public var state: String?
        public var options: PlanOptions
        public var lockTimeout: Duration
        public var run: RunInfo
        /// Apply exactly this saved plan.
        public var saved: Plan?

        public init(source: any ConfigSource, state: String? = nil, options: PlanOptions = PlanOptions(),
                    lockTimeout: Duration = .zero, run: RunInfo = RunInfo(), saved: Plan? = nil) {
            self.source = source
            self.state = state
            self.options = options
            self.lockTimeout = lockTimeout
            self.run = run
            self.saved = saved
        }
    }

    public let catalog: DriverCatalog
    public let secrets: SecretResolver
    public let logger: Logger
    /// What one configuration file may cost to read (`--max-file-size` raises the size).
    public let limits: SpecLimits

    public init(catalog: DriverCatalog, secrets: SecretResolver = SecretResolver(), logger: Logger = Logger(label: "botops"),
                limits: SpecLimits = SpecLimits()) {
        self.catalog = catalog
        self.secrets = secrets
        self.logger = logger
        self.limits = limits
    }

    /// Loads and validates the configuration. Invalid configuration and an unreadable source are
    /// terminal: a new commit is needed.
    public static func load(_ source: any ConfigSource, limits: SpecLimits = SpecLimits(),
                            kinds: KindRegistry = .standard) throws(SessionError) -> DesiredState {
        try load(source, with: SpecLoader(limits: limits, kinds: kinds))
    }

    /// The loader of this session's runs: its limits, the catalog's kinds and the catalog's cache of commits.
    public var loader: SpecLoader { SpecLoader(limits: limits, kinds: catalog.kinds, cache: catalog.loads) }

    /// Loads and validates the configuration with this session's loader.
    public func load(_ source: any ConfigSource) throws(SessionError) -> DesiredState {
        try Self.load(source, with: loader)
    }

    /// The state store of `state` (see the static ``store(for:source:override:secrets:kinds:snapshots:)``),
    /// sharing the catalog's kinds and snapshots.
    public func store(for state: DesiredState?, source: any ConfigSource, override: String?) throws(SessionError) -> any StateStore {
        try Self.store(for: state, source: source, override: override, secrets: secrets, kinds: catalog.kinds,
                       snapshots: catalog.snapshots)
    }

    private static func load(_ source: any ConfigSource, with loader: SpecLoader) throws(SessionError) -> DesiredState {
        let result: LoadResult
        do {
            result = try loader.load(from: source)
        } catch let error as ConfigSourceError {
            throw SessionError(.sourceUnavailable, error.message)
        } catch {
            throw SessionError(.sourceUnavailable, "\(error)")
        }
        guard let state = result.state else {
            throw SessionError(.invalidConfiguration, "the configuration is invalid; nothing was planned",
                               diagnostics: DiagnosticReport(result, pathPrefix: source.displayPrefix))
        }
        return state
    }

    /// The store the Project (or the override) names; with no configuration at hand (nil), the
    /// default file store of `source`. `--state` takes `file:PATH`, `postgres` (the Project's
    /// database) or a `postgres://` URL.
    public static func store(for state: DesiredState?, source: any ConfigSource, override: String? = nil,
                             secrets: SecretResolver = SecretResolver(), kinds: KindRegistry = .standard,
                             snapshots: FileSnapshotCache = FileSnapshotCache()) throws(SessionError) -> any StateStore {
        let named: StateOverride?
        if let override {
            guard let parsed = StateOverride(parsing: override) else {
                throw SessionError(.stateUnavailable, "--state takes file:PATH, postgres or postgres://...")
            }
            named = parsed
        } else {
            named = nil
        }
        switch named {
        case let .file(path)?: return FileStateStore(path: path, kinds: kinds, snapshots: snapshots)
        case let .url(url)?: return try postgresStore(url: url, state: state, shownAs: "--state", kinds: kinds)
        case .projectDatabase?, nil: break
        }
        switch named == .projectDatabase ? .postgres : state?.project.state ?? .file {
        case .file:
            return FileStateStore(path: defaultStatePath(of: source), kinds: kinds, snapshots: snapshots)
        case .postgres:
            guard let reference = state?.project.postgresURL else {
                throw SessionError(.stateUnavailable, "the state is in Postgres but the Project sets no spec.postgres.url")
            }
            let url: String
            do {
                url = try secrets.resolve(reference)
            } catch {
                throw SessionError(.stateUnavailable, "\(reference.location): \(error.message)")
            }
            return try postgresStore(url: url, state: state, shownAs: reference.description, kinds: kinds)
        }
    }

    /// Where the file store of `source` keeps its state when nothing names another: `.botops/state.json` in
    /// the configuration folder, in the current folder for a repository.
    static func defaultStatePath(of source: any ConfigSource) -> String {
        ((source as? DirectorySource)?.displayPrefix ?? "") + ".botops/state.json"
    }

    /// The state file a run of `request` will most likely read: the one `--state file:` names, else the
    /// default one unless `--state` names Postgres (the Project may still name Postgres; see ``StatePrefetch``).
    static func likelyStatePath(of request: Request) -> String? {
        request.state == nil ? defaultStatePath(of: request.source) : filePath(of: request.state)
    }

    /// The file `--state file:PATH` names; nil for any other `--state` and for none.
    private static func filePath(of override: String?) -> String? {
        guard case let .file(path)? = override.flatMap(StateOverride.init(parsing:)) else { return nil }
        return path
    }

    /// The store `override` names, or else the one the configuration's Project names; the
    /// configuration is loaded only when the store depends on it (not for `file:PATH`).
    public static func store(of source: any ConfigSource, override: String?,
                             kinds: KindRegistry = .standard) throws(SessionError) -> any StateStore {
        let desired = filePath(of: override) != nil ? nil : try load(source, kinds: kinds)
        return try store(for: desired, source: source, override: override, kinds: kinds)
    }

    private static func postgresStore(url: String, state: DesiredState?, shownAs: String,
                                      kinds: KindRegistry) throws(SessionError) -> any StateStore {
        guard let state else {
            throw SessionError(.stateUnavailable, "a Postgres state belongs to a Project: give the configuration too")
        }
        do {
            return try PostgresStateStore(url: url, schema: state.project.postgresSchema, project: state.project.metadata.name,
                                          kinds: kinds)
        } catch {
            throw SessionError(.stateUnavailable, "\(error) (in \(shownAs))")
        }
    }

    /// Loads the configuration and picks the store and drivers for one run of `request`.
    /// The state file is read on another thread meanwhile, when the run will most likely use one.
    public func prepare(_ request: Request) throws(SessionError) -> PreparedRun {
        let prefetch = StatePrefetch.start(path: Self.likelyStatePath(of: request), kinds: catalog.kinds,
                                           snapshots: catalog.snapshots)
        let state: DesiredState, store: any StateStore
        do {
            state = try load(request.source)
            store = try self.store(for: state, source: request.source, override: request.state)
        } catch {
            prefetch?.settle(using: nil)
            throw error
        }
        prefetch?.settle(using: store)
        let engine = ReconcileSession(state: state, store: store, drivers: catalog.drivers(for: state.project, logger: logger),
                                      secrets: secrets, logger: logger, parallelism: catalog.parallelism,
                                      source: request.source, loader: loader)
        return PreparedRun(request: request, state: state, engine: engine)
    }

    /// Plans only: reads, takes no lock, writes nothing.
    public func plan(_ request: Request) async throws(SessionError) -> SessionResult {
        try await prepare(request).plan()
    }

    /// Plans and applies under the state's lock.
    public func apply(_ request: Request, stop: StopSignal = StopSignal(),
                      approve: @escaping @Sendable (Plan) async -> Bool) async throws(SessionError) -> SessionResult {
        try await prepare(request).apply(stop: stop, approve: approve)
    }
}

/// One run, with its configuration loaded: what the CLI looks at (the desired state) before it
/// plans or applies.
public struct PreparedRun: Sendable {
    public let request: FleetSession.Request
    public let state: DesiredState
    public let engine: ReconcileSession

    /// Plans only: reads, takes no lock, writes nothing.
    public func plan() async throws(SessionError) -> SessionResult {
        let plan = try await engine.plan(options: request.options)
        if !plan.refusals.isEmpty { return .refused(plan, plan.refusals) }
        return plan.hasChanges ? .planned(plan) : .noChanges(plan)
    }

    /// Plans and applies under the state's lock, waiting up to the request's lock timeout;
    /// see ``ReconcileSession/apply(options:saved:run:lockTimeout:stop:progress:approve:)``.
    public func apply(stop: StopSignal = StopSignal(), progress: ApplyProgress.Handler? = nil,
                      approve: @escaping @Sendable (Plan) async -> Bool) async throws(SessionError) -> SessionResult {
        try await engine.apply(options: request.options, saved: request.saved, run: request.run,
                               lockTimeout: request.lockTimeout, stop: stop, progress: progress, approve: approve)
    }
}

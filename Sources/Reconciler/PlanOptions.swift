/// Per-run safety overrides.
public struct PlanOptions: Sendable {
    /// Deletions allowed this run, overriding the Project's `maxDeletes`.
    public var allowDeletes: Int?
    /// Allow a run whose desired state is empty while botops owns resources.
    public var allowEmpty: Bool
    /// Apply what could be read when some resources could not (the daemon's choice; the CLI asks
    /// for `--allow-partial`).
    public var allowPartial: Bool

    public init(allowDeletes: Int? = nil, allowEmpty: Bool = false, allowPartial: Bool = false) {
        self.allowDeletes = allowDeletes
        self.allowEmpty = allowEmpty
        self.allowPartial = allowPartial
    }
}

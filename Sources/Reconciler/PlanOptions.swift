/// Per-run safety overrides.
public struct PlanOptions: Sendable {
    /// Deletions allowed this run, overriding the Project's `maxDeletes`.
    public var allowDeletes: Int?
    /// Allow a run whose desired state is empty while botops owns resources.
    public var allowEmpty: Bool

    public init(allowDeletes: Int? = nil, allowEmpty: Bool = false) {
        self.allowDeletes = allowDeletes
        self.allowEmpty = allowEmpty
    }
}

import Spec

/// Per-run safety overrides.
public struct PlanOptions: Sendable {
    /// Deletions allowed this run, overriding the Project's `maxDeletes`.
    public var allowDeletes: Int?
    /// Allow a run whose desired state is empty while botops owns resources.
    public var allowEmpty: Bool
    /// Apply what could be read when some resources could not (the daemon's choice; the CLI asks
    /// for `--allow-partial`).
    public var allowPartial: Bool
    /// Live objects without botops' marker that this run may take over (`--adopt Container/NAME`):
    /// a driver reads them instead of refusing the name as someone else's.
    public var adopt: Set<ResourceAddress>

    public init(allowDeletes: Int? = nil, allowEmpty: Bool = false, allowPartial: Bool = false,
                adopt: Set<ResourceAddress> = []) {
        self.adopt = adopt
        self.allowDeletes = allowDeletes
        self.allowEmpty = allowEmpty
        self.allowPartial = allowPartial
    }
}

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
    /// A targeted run (the daemon's pass for a push): plan only the resources declared differently at
    /// the applied revision, and what depends on them. Falls back to a full plan when the applied
    /// revision cannot be read (a folder source, a fresh state, a rewritten branch).
    public var targeted: Bool
    /// What happened to live objects in this window is reported with the plan (see ``ActivityWindow``);
    /// nil asks for nothing of the kind.
    public var activity: ActivityWindow?
    /// Work out the plan's ``Plan/configDigest`` and each change's ``Change/observedDigest`` (by default): a saved
    /// plan is checked against them and the JSON plan carries them. The daemon, which neither saves nor prints its
    /// plans, leaves them out, and so does a plan only shown: rendering every desired value for the first was a
    /// sixth of a push pass's CPU on 1,000 bots, every observed value for the second 4 % of a converged plan of
    /// 12,000 rows. Without it the digests are empty.
    public var digest = true

    public init(allowDeletes: Int? = nil, allowEmpty: Bool = false, allowPartial: Bool = false,
                adopt: Set<ResourceAddress> = [], targeted: Bool = false) {
        self.targeted = targeted
        self.adopt = adopt
        self.allowDeletes = allowDeletes
        self.allowEmpty = allowEmpty
        self.allowPartial = allowPartial
    }
}

import Spec

/// What one driver's read returned: an observation per address it could read, a failure per
/// address it could not, and the marked objects the inventory does not know.
///
/// An address with neither an observation nor a failure counts as a failure too: the planner never
/// takes silence for absence.
public struct Observations: Sendable {
    public var found: [ResourceAddress: Observation]
    public var failures: [ResourceError]
    public var orphans: [Orphan]
    /// What live objects report about themselves that is not desired state and never drift (a
    /// container's health: `healthy`, `unhealthy`, `starting`), shown with the plan and kept with the run.
    public var statuses: [ResourceAddress: LiveStatus] = [:]
    /// The same kind of report as data, for the daemon's status (a webhook's pending updates and last
    /// delivery error); never drift, never in ``Change/observedDigest``.
    public var details: [ResourceAddress: JSONValue] = [:]

    public init(found: [ResourceAddress: Observation] = [:], failures: [ResourceError] = [], orphans: [Orphan] = []) {
        self.found = found
        self.failures = failures
        self.orphans = orphans
    }

    /// Every address failed for the same reason (an engine down, a database unreachable).
    public static func failed(_ addresses: [ResourceAddress], _ error: (ResourceAddress) -> ResourceError) -> Observations {
        Observations(failures: addresses.map(error))
    }
}

/// A driver's declared resources in canonical form, and the ones it could not prepare (a secret
/// that cannot be read): those become unknown in the plan, the others are planned as usual.
public struct DesiredSet: Sendable {
    public var resources: [DesiredResource]
    public var failures: [ResourceError]

    public init(_ resources: [DesiredResource] = [], failures: [ResourceError] = []) {
        self.resources = resources
        self.failures = failures
    }
}

/// What applying a change does to one resource.
public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing: live state already matches.
    case noOp = "no-op"
    /// The resource does not exist live and will be made.
    case create
    /// The resource exists and some fields change in place.
    case update
    /// The resource is destroyed and made again (a field that cannot change in place changed).
    case replace
    /// The resource is owned by botops, no longer declared, and will be removed.
    case delete
}

import Spec

/// What a driver found live for one address. A failed read is never an observation: drivers throw,
/// and the run stops before anything is planned or deleted.
public enum Observation: Sendable, Hashable {
    /// The object exists; the value is canonical (defaults filled in) in the same shape as the desired value.
    case present(JSONValue)
    /// The object certainly does not exist.
    case absent

    public var value: JSONValue? {
        if case let .present(value) = self { return value }
        return nil
    }
}

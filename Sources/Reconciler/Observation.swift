import Spec

/// What a driver found live for one address. A failed read is never an observation: the driver
/// reports it as a failure, and the address becomes unknown (never deleted, never changed).
public enum Observation: Sendable, Hashable {
    /// The object exists; the value is canonical (defaults filled in) in the same shape as the
    /// desired value. The handle, if any, reaches ``Driver/apply(_:context:)`` with the change.
    case present(JSONValue, handle: Handle? = nil)
    /// The object certainly does not exist.
    case absent

    public var value: JSONValue? {
        if case let .present(value, _) = self { return value }
        return nil
    }

    public var handle: Handle? {
        if case let .present(_, handle) = self { return handle }
        return nil
    }
}

/// How a replace runs, as the driver decides for each change.
public enum ReplaceOrder: String, Sendable, Hashable, Codable {
    /// The new object is made (and started, and healthy) before the old one goes: no gap, and the
    /// old one stays if the new one fails. Not counted as a deletion against `maxDeletes`.
    case createBeforeDestroy = "create-before-destroy"
    /// The old object goes first (its name or port must be freed): a gap, counted as a deletion.
    case destroyBeforeCreate = "destroy-before-create"
}

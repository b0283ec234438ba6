import Spec

/// What a driver read about a live object but does not diff (a container id and the engine it runs
/// on, a row id): it travels from observe, through the plan, to apply, so apply acts on exactly the
/// object that was planned against instead of listing again or trusting an old id from the state.
///
/// Opaque to the engine: only the driver that made it reads it. It is saved with a plan, so it must
/// never hold a secret.
public struct Handle: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: JSONValue

    public init(_ value: JSONValue) {
        self.value = value
    }

    public subscript(key: String) -> JSONValue? { value[key] }

    public var description: String { value.description }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(JSONValue.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

import Spec

/// One field's old and new value in a ``Change``.
///
/// `before` is nil when the field is new (and on create); `after` is nil when it goes away (and on
/// delete). Values of sensitive fields are keyed fingerprints, never the secret, and are rendered
/// as `(sensitive value)`.
public struct FieldChange: Sendable, Hashable, Codable {
    /// Dotted path in the resource's canonical value, e.g. `profile.ru.name` or `commands["default/ru"]`.
    public let path: String
    public let before: JSONValue?
    public let after: JSONValue?
    public let sensitive: Bool

    public init(path: String, before: JSONValue?, after: JSONValue?, sensitive: Bool = false) {
        self.path = path
        self.before = before
        self.after = after
        self.sensitive = sensitive
    }

    enum CodingKeys: String, CodingKey { case path, before, after, sensitive }

    /// Sensitive values are written as null: a saved or printed plan never holds a secret or its
    /// fingerprint. Apply re-reads the value from the configuration.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        if sensitive {
            try container.encodeNil(forKey: .before)
            try container.encodeNil(forKey: .after)
        } else {
            try container.encode(before ?? .null, forKey: .before)
            try container.encode(after ?? .null, forKey: .after)
        }
        try container.encode(sensitive, forKey: .sensitive)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        let before = try container.decodeIfPresent(JSONValue.self, forKey: .before)
        let after = try container.decodeIfPresent(JSONValue.self, forKey: .after)
        self.before = before == .null ? nil : before
        self.after = after == .null ? nil : after
        sensitive = try container.decode(Bool.self, forKey: .sensitive)
    }
}

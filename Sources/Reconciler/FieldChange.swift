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
    /// The change in words a user of the live system knows, from the driver (`privacy mode off`); shown
    /// after the values, never decided from.
    public var note: String?

    public init(path: String, before: JSONValue?, after: JSONValue?, sensitive: Bool = false, note: String? = nil) {
        self.path = path
        self.before = before
        self.after = after
        self.sensitive = sensitive
        self.note = note
    }

    enum CodingKeys: String, CodingKey { case path, before, after, sensitive, note }

    /// True when `path` is `prefix` or lies below it (`prefix.x`, `prefix["x"]`).
    public static func path(_ path: String, isWithin prefix: String) -> Bool {
        path == prefix || path.hasPrefix(prefix + ".") || path.hasPrefix(prefix + "[")
    }

    /// What a sensitive value is written as: a saved or printed plan never holds a secret or its
    /// fingerprint (apply re-reads the value from the configuration), but still shows whether the
    /// value is added, changed or removed.
    public static let hidden: JSONValue = "(sensitive)"

    /// An absent side is left out (so it differs from a JSON `null` value); sensitive values are ``hidden``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encodeIfPresent(before.map { sensitive ? FieldChange.hidden : $0 }, forKey: .before)
        try container.encodeIfPresent(after.map { sensitive ? FieldChange.hidden : $0 }, forKey: .after)
        try container.encode(sensitive, forKey: .sensitive)
        try container.encodeIfPresent(note, forKey: .note)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        path = try container.decode(String.self, forKey: .path)
        // decodeIfPresent reads an explicit null as nil; a null value must stay a value.
        before = container.contains(.before) ? try container.decode(JSONValue.self, forKey: .before) : nil
        after = container.contains(.after) ? try container.decode(JSONValue.self, forKey: .after) : nil
        sensitive = try container.decode(Bool.self, forKey: .sensitive)
        note = try container.decodeIfPresent(String.self, forKey: .note)
    }
}

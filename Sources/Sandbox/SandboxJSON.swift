import Foundation

/// A JSON value, as received in a Bot API request or returned in a response.
///
/// Integers are kept apart from other numbers so that identifiers and counts survive a round trip
/// exactly. Objects encode with sorted keys when encoded by the sandbox, so output is deterministic.
public enum SandboxJSON: Sendable, Hashable, Codable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number without fraction or exponent that fits in 64 bits.
    case int(Int64)
    /// Any other number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SandboxJSON])
    /// An object.
    case object([String: SandboxJSON])

    /// Decodes any JSON value; numbers that fit in `Int64` become ``int(_:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SandboxJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SandboxJSON].self))
        }
    }

    /// Encodes the value as the JSON it stands for.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// The member named `key` when this is an object, otherwise `nil`.
    public subscript(key: String) -> SandboxJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string when this is a string, otherwise `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The boolean when this is a boolean, otherwise `nil`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The integer when this is an integer, otherwise `nil`.
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The elements when this is an array, otherwise `nil`.
    public var arrayValue: [SandboxJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The members when this is an object, otherwise `nil`.
    public var objectValue: [String: SandboxJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Parses JSON text; `nil` when the text is not JSON.
    public static func parse(_ text: String) -> SandboxJSON? {
        parse(Data(text.utf8))
    }

    /// Parses JSON bytes; `nil` when they are not JSON.
    public static func parse(_ data: Data) -> SandboxJSON? {
        try? JSONDecoder().decode(SandboxJSON.self, from: data)
    }

    /// Compact JSON text with sorted keys.
    public var jsonText: String {
        String(decoding: jsonData, as: UTF8.self)
    }

    /// Compact JSON bytes with sorted keys.
    public var jsonData: Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding a tree of strings, numbers and containers cannot fail except for non-finite
        // doubles, which JSON cannot express; those become null.
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }
}

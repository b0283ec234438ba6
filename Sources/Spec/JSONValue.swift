/// A JSON value: the free-form parts of the spec (`args`, `settings`) and the canonical form the
/// engine diffs. Encodes as plain JSON.
public enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        // Codable cannot ask what a value is, only try each type, and every miss builds an error: the commonest
        // kinds (objects, then strings) go first. Int before Double, so a whole number stays an Int.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode([String: JSONValue].self) {
            self = .object(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .double(try container.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case let .bool(value): try container.encode(value)
        case let .int(value): try container.encode(value)
        case let .double(value): try container.encode(value)
        case let .string(value): try container.encode(value)
        case let .array(value): try container.encode(value)
        case let .object(value): try container.encode(value)
        }
    }

    /// Compact JSON with sorted keys, the form used in plans and messages.
    public var description: String {
        var text = ""
        write(to: &text)
        return text
    }

    /// Appends ``description`` to `text`: one buffer for the whole value, since digests render every observed value.
    private func write(to text: inout String) {
        switch self {
        case .null: text += "null"
        case let .bool(value): text += value ? "true" : "false"
        case let .int(value): text += String(value)
        case let .double(value): text += value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case let .string(value): JSONValue.quote(value, into: &text)
        case let .array(values):
            text += "["
            for (index, value) in values.enumerated() {
                if index > 0 { text += "," }
                value.write(to: &text)
            }
            text += "]"
        case let .object(fields):
            text += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { text += "," }
                JSONValue.quote(key, into: &text)
                text += ":"
                fields[key]!.write(to: &text)
            }
            text += "}"
        }
    }

    /// `string` as a JSON string. `printableOnly` also escapes what YAML may not hold raw in a double-quoted
    /// scalar (DEL, C1 controls, line and paragraph separators, the byte-order mark), which JSON allows; the
    /// canonical text (fingerprints, hashes) never does, so it stays as it always was.
    static func quote(_ string: String, printableOnly: Bool = false) -> String {
        var out = ""
        quote(string, printableOnly: printableOnly, into: &out)
        return out
    }

    /// Appends `string` quoted to `out`.
    static func quote(_ string: String, printableOnly: Bool = false, into out: inout String) {
        // Most text needs no escape, and copying it whole is many times faster than scalar by scalar.
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 < 0x7F }) {
            out += "\""
            out += string
            out += "\""
            return
        }
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || printableOnly && (scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}"):
                out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    public var stringValue: String? { if case let .string(v) = self { return v } else { return nil } }
    public var intValue: Int? { if case let .int(v) = self { return v } else { return nil } }
    public var boolValue: Bool? { if case let .bool(v) = self { return v } else { return nil } }
    public var arrayValue: [JSONValue]? { if case let .array(v) = self { return v } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case let .object(v) = self { return v } else { return nil } }

    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension JSONValue {
    /// The JSON text `utf8` holds, read straight into a value.
    ///
    /// Foundation's `JSONDecoder` can only reach a free-form value through Codable, which tries each type in turn
    /// and builds an error for every miss: 65 µs for a `getMe` answer, most of a Bot API read's own cost. This reads
    /// the same grammar in one pass and gives the value `JSONDecoder` would, quirks included: an integral number that
    /// fits an `Int` is `.int`, as `1.0` and `1e2` are; the first of duplicate keys wins; a comma may close an array or
    /// an object. `JSONValueParsingTests` holds it to that. It is stricter in one place: a NUL byte outside a string,
    /// which `JSONDecoder` takes for the end of the text, is refused here. Nesting deeper than 512 levels is refused.
    /// - Throws: ``JSONParseError`` naming the byte offset where the text stops being JSON.
    public init(parsing utf8: UnsafeRawBufferPointer) throws(JSONParseError) {
        var reader = JSONTextReader(utf8)
        reader.skipSpace()
        self = try reader.value(depth: 0)
        reader.skipSpace()
        guard reader.atEnd else { throw reader.error("unexpected text after the value") }
    }

    /// The JSON text in `bytes`, or nil when it is not JSON (an answer that is not JSON is reported by its caller).
    public static func parsed(_ bytes: some Sequence<UInt8>) -> JSONValue? {
        let parse = { (buffer: UnsafeRawBufferPointer) -> JSONValue? in
            do {
                return try JSONValue(parsing: buffer)
            } catch {
                return nil
            }
        }
        if let value = bytes.withContiguousStorageIfAvailable({ parse(UnsafeRawBufferPointer($0)) }) { return value }
        return Array(bytes).withUnsafeBytes(parse)
    }
}

/// Where a text stopped being JSON. Its reader (an answer's caller) says what to do, since the text came from
/// a peer: this names only what was wrong and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of error this is.
    public enum Code: String, Sendable {
        /// The text is not JSON (the only kind there is).
        case notJSON = "not-json"
    }

    /// Always ``Code/notJSON``.
    public let code = Code.notJSON
    /// The byte offset of the first byte that does not fit.
    public let offset: Int
    /// What was expected there, in words.
    public let reason: String
    public var description: String { "not JSON at byte \(offset): \(reason)" }
}

/// A cursor over JSON text, reading one value at a time.
private struct JSONTextReader {
    static let maxDepth = 512
    let bytes: UnsafeRawBufferPointer
    var index = 0

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }

    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: index, reason: reason) }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < bytes.count else { throw error("the text ends where a value should be") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try object(depth: depth + 1)
        case UInt8(ascii: "["): return try array(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("a value cannot start here")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unknown word") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { throw error("unknown word") }
        index += count
    }

    private mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        index += 1
        var fields: [String: JSONValue] = [:]
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(fields)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a key") }
            let key = try string()
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after a key") }
            index += 1
            skipSpace()
            let field = try value(depth: depth)
            if fields[key] == nil { fields[key] = field }
            skipSpace()
            guard index < bytes.count else { throw error("the text ends inside an object") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .object(fields)
                }
            case UInt8(ascii: "}"): index += 1; return .object(fields)
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
        index += 1
        var values: [JSONValue] = []
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(values)
        }
        while true {
            skipSpace()
            values.append(try value(depth: depth))
            skipSpace()
            guard index < bytes.count else { throw error("the text ends inside an array") }
            switch bytes[index] {
            case UInt8(ascii: ","):
                index += 1
                skipSpace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .array(values)
                }
            case UInt8(ascii: "]"): index += 1; return .array(values)
            default: throw error("expected ',' or ']'")
            }
        }
    }

    /// A string from its opening quote; text with no escape is taken as it stands, validated as UTF-8.
    private mutating func string() throws(JSONParseError) -> String {
        index += 1
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = try utf8(start..<index)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("a control character must be escaped in a string") }
            index += 1
        }
        var text = try utf8(start..<index)
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return text
            case UInt8(ascii: "\\"):
                index += 1
                text.unicodeScalars.append(try escaped())
            case ..<0x20:
                throw error("a control character must be escaped in a string")
            default:
                let run = index
                while index < bytes.count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\"),
                      bytes[index] >= 0x20 {
                    index += 1
                }
                text += try utf8(run..<index)
            }
        }
        throw error("the text ends inside a string")
    }

    private func utf8(_ range: Range<Int>) throws(JSONParseError) -> String {
        let text = UnsafeRawBufferPointer(rebasing: bytes[range])
        // ASCII is valid UTF-8 as it stands. `String(validating:as:)` looks up its generic types' metadata on every
        // call, which was a tenth of reading 12,000 rows' JSON columns; nearly every key and value is ASCII.
        if text.allSatisfy({ $0 < 0x80 }) {
            return text.withMemoryRebound(to: UInt8.self) { String(decoding: $0, as: UTF8.self) }
        }
        guard let text = String(validating: text, as: UTF8.self) else {
            throw JSONParseError(offset: range.lowerBound, reason: "a string is not valid UTF-8")
        }
        return text
    }

    /// The character an escape after its backslash stands for.
    private mutating func escaped() throws(JSONParseError) -> Unicode.Scalar {
        guard index < bytes.count else { throw error("the text ends inside an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            if UTF16.isLeadSurrogate(unit) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("a lone surrogate in a \\u escape")
                }
                index += 2
                let trail = try hex4()
                guard UTF16.isTrailSurrogate(trail) else { throw error("a lone surrogate in a \\u escape") }
                let value = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(trail) - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw error("an invalid \\u escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(unit) else { throw error("a lone surrogate in a \\u escape") }
            return scalar
        default:
            throw error("an unknown escape")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt16 {
        guard index + 4 <= bytes.count else { throw error("the text ends inside a \\u escape") }
        var unit: UInt16 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hexadecimal digits")
            }
            unit = unit << 4 | UInt16(digit)
            index += 1
        }
        return unit
    }

    /// A number as JSON writes it: `-`? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?.
    private mutating func number() throws(JSONParseError) -> JSONValue {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < bytes.count, isDigit(bytes[index]) { throw error("a number cannot start with 0") }
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        var integral = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit after '.'") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            integral = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("a number needs a digit in its exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if integral, let value = Int(text) { return .int(value) }
        guard let value = Double(text), value.isFinite else {
            throw JSONParseError(offset: start, reason: "a number out of range")
        }
        // As JSONDecoder does: an integral literal that did not fit an Int stays a Double (though it may round to
        // Int.min); one with a fraction or an exponent is an Int when its Double is one.
        if !integral, let exact = Int(exactly: value) { return .int(exact) }
        return .double(value)
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}

/// A scalar's value as YAML 1.1 reads it: the rules of PyYAML's resolver (so `botops validate` and
/// the JSON Schema check agree on what `no`, `0755` or `12:30` are), decided by hand.
///
/// Yams can resolve tags itself, but with regular expressions for every scalar and every
/// mapping-key lookup; that was over half the time of validating a large fleet.
enum YAMLScalar: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case timestamp
    case string(String)

    init(_ scalar: YAMLNode.Scalar) {
        let text = scalar.string
        guard scalar.style == .plain || scalar.style == .any else {
            self = .string(text)
            return
        }
        if let value = YAMLScalar.classify(text) {
            self = value
        } else {
            self = .string(text)
        }
    }

    private static let trueWords: Set<String> = ["yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]
    private static let falseWords: Set<String> = ["no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]
    private static let nullWords: Set<String> = ["", "~", "null", "Null", "NULL"]

    /// The first bytes a plain scalar that is not a string can have (`~` for null).
    private static let starters: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for byte in "+-.0123456789yYnNtTfFoO~".utf8 { table[Int(byte)] = true }
        return table
    }()

    private static func classify(_ text: String) -> YAMLScalar? {
        guard let first = text.utf8.first else { return .null }
        // Only these can start a non-string plain scalar: most scalars are skipped here, before any hashing.
        guard starters[Int(first)] else { return nil }
        if nullWords.contains(text) { return .null }
        if trueWords.contains(text) { return .bool(true) }
        if falseWords.contains(text) { return .bool(false) }
        if let value = integer(text) { return .int(value) }
        if let value = float(text) { return .float(value) }
        if isTimestamp(text) { return .timestamp }
        return nil
    }

    private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// `[-+]?` then binary `0b..`, hex `0x..`, octal `0..`, decimal, or base 60 `1:30`; `_` allowed.
    private static func integer(_ text: String) -> Int? {
        var bytes = Array(text.utf8)
        var negative = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            negative = sign == UInt8(ascii: "-")
            bytes.removeFirst()
        }
        guard let first = bytes.first, isDigit(first) else { return nil }
        let body = String(decoding: bytes.filter { $0 != UInt8(ascii: "_") }, as: UTF8.self)
        var value: Int?
        if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "b") {
            value = Int(body.dropFirst(2), radix: 2)
        } else if bytes.count > 2, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "x") {
            value = Int(body.dropFirst(2), radix: 16)
        } else if bytes.contains(UInt8(ascii: ":")) {
            guard first != UInt8(ascii: "0") else { return nil }
            let parts = body.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
                  parts.dropFirst().allSatisfy({ $0.count <= 2 && Int($0)! < 60 }) else { return nil }
            value = parts.reduce(0) { $0 * 60 + Int($1)! }
        } else if bytes.count > 1, first == UInt8(ascii: "0") {
            guard bytes.allSatisfy({ ($0 >= 48 && $0 <= 55) || $0 == UInt8(ascii: "_") }) else { return nil }
            value = Int(body, radix: 8)
        } else {
            guard bytes.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: "_") }) else { return nil }
            value = Int(body)
        }
        return value.map { negative ? -$0 : $0 }
    }

    /// YAML 1.1 floats need a dot (`1.5`, `.5`, `1.`, `1.5e+3`), or are `.inf` / `.nan`.
    private static func float(_ text: String) -> Double? {
        switch text {
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .infinity
        case "-.inf", "-.Inf", "-.INF": return -.infinity
        case ".nan", ".NaN", ".NAN": return .nan
        default: break
        }
        var bytes = Array(text.utf8)
        var signed = false
        if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
            bytes.removeFirst()
            signed = true
        }
        // A signed float needs a digit before the dot (`-.5` is a string in YAML 1.1).
        guard bytes.contains(UInt8(ascii: ".")), let first = bytes.first,
              isDigit(first) || (first == UInt8(ascii: ".") && !signed) else { return nil }
        var seenDot = false, seenExponent = false, index = 0
        while index < bytes.count {
            let c = bytes[index]
            if isDigit(c) || c == UInt8(ascii: "_") {
            } else if c == UInt8(ascii: "."), !seenDot, !seenExponent {
                seenDot = true
            } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E"), !seenExponent, seenDot {
                seenExponent = true
                guard index + 2 < bytes.count + 1, index + 1 < bytes.count,
                      bytes[index + 1] == UInt8(ascii: "+") || bytes[index + 1] == UInt8(ascii: "-") else { return nil }
                index += 1
                guard index + 1 < bytes.count else { return nil }
            } else {
                return nil
            }
            index += 1
        }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }

    /// `2001-12-14`, or a date followed by `T`/`t`/spaces and `hh:mm:ss`.
    private static func isTimestamp(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 8, bytes[0...3].allSatisfy(isDigit), bytes[4] == UInt8(ascii: "-") else { return false }
        var index = 5
        func digits(max: Int) -> Int {
            var count = 0
            while index < bytes.count, count < max, isDigit(bytes[index]) { index += 1; count += 1 }
            return count
        }
        guard digits(max: 2) >= 1, index < bytes.count, bytes[index] == UInt8(ascii: "-") else { return false }
        index += 1
        guard digits(max: 2) >= 1 else { return false }
        if index == bytes.count { return true }
        guard bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") else {
            return false
        }
        while index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: "t") || bytes[index] == UInt8(ascii: " ") {
            index += 1
        }
        guard digits(max: 2) >= 1, index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        index += 1
        return digits(max: 2) == 2
    }
}

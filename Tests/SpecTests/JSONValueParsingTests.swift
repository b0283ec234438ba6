import Foundation
import Spec
import Testing
import TestSupport

/// `JSONValue(parsing:)` reads what Foundation's `JSONDecoder` reads into a `JSONValue`, to the same value, and refuses
/// what it refuses: it replaced `JSONDecoder` on every Bot API and Docker answer, so the two must not be told apart.
@Suite("JSON values parsed in one pass")
struct JSONValueParsingTests {
    static let valid: [String] = [
        #"{"ok":true,"result":{"id":7000000001,"is_bot":true,"first_name":"Bench","username":"b_bot"}}"#,
        #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 3","parameters":{"retry_after":3}}"#,
        #"[]"#, #"{}"#, #"[[[]]]"#, #" { "a" : [ 1 , 2 ] } "#, "\n\t[1]\r\n",
        #"null"#, #"true"#, #"false"#, #"0"#, #"-0"#, #"12"#, #"-12"#, #"1.5"#, #"-1.25e-3"#, #"1.0"#, #"1e2"#,
        #"1E+2"#, #"2.5e1"#, #"9223372036854775807"#, #"-9223372036854775808"#, #"9223372036854775808"#,
        #"123456789012345678901234567890"#, #"0.1"#, #"1e-400"#, #"4.9e-324"#,
        #""""#, #""plain""#, #""\"\\\/\b\f\n\r\t""#, #""\u0041\u00e9\u4e2d""#, #""\ud83d\ude00""#, #""é😀 中""#,
        #""a\u0000b""#, #"{"a":1,"a":2}"#, #"{"":""}"#, "[1,]", #"{"a":1,}"#, "[1 , ]", "-9223372036854775868", #"[1,"two",3.5,null,true,{"k":[false]}]"#,
        #"{"text":"line\nbreak","emoji":"\ud83c\udf89","slash":"a\/b"}"#,
    ]

    static let invalid: [String] = [
        "", " ", "[", "]", "{", "[,1]", "[1,,]", "[,]", "{,}", #"{"a":}"#, #"{"a" 1}"#, #"{a:1}"#, "01", "-", "1.",
        ".5", "1e", "1e+", "+1", "tru", "nul", "True", #""abc"#, #""\x""#, #""\u12""#, #""\u12G4""#, "[1] 2",
        "1 2", "\u{1}", "\"a\u{1}b\"", "\"tab\there\"", "NaN", "Infinity", "1e400", "-1e400", "[1}", #"{"a":1]"#,
    ]

    static func decoded(_ text: [UInt8]) -> JSONValue? {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(text))
        } catch {
            return nil
        }
    }

    static func parsed(_ text: [UInt8]) -> JSONValue? {
        guard case .success(let value) = attempt(text) else { return nil }
        return value
    }

    static func attempt(_ text: [UInt8]) -> Result<JSONValue, JSONParseError> {
        text.withUnsafeBytes { buffer in
            do throws(JSONParseError) {
                return .success(try JSONValue(parsing: buffer))
            } catch {
                return .failure(error)
            }
        }
    }

    @Test(arguments: valid)
    func readsWhatJSONDecoderReads(_ text: String) throws {
        let expected = try #require(Self.decoded(Array(text.utf8)), "JSONDecoder reads \(text)")
        #expect(Self.parsed(Array(text.utf8)) == expected)
    }

    @Test(arguments: invalid)
    func refusesWhatJSONDecoderRefuses(_ text: String) {
        #expect(Self.decoded(Array(text.utf8)) == nil, "JSONDecoder refuses \(text)")
        #expect(Self.parsed(Array(text.utf8)) == nil)
    }

    /// `JSONDecoder` takes a NUL byte outside a string for the end of the text (`1\0garbage` reads as 1); a peer
    /// that sends one is not speaking JSON.
    @Test func refusesANulByteOutsideAString() {
        for text: [UInt8] in [[0x31, 0x00], [0x00, 0x31], [0x5B, 0x31, 0x5D, 0x00, 0x78]] {
            #expect(Self.parsed(text) == nil)
        }
    }

    @Test func refusesInvalidUTF8AndLoneSurrogates() {
        for text: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x5B, 0x22, 0xE2, 0x82, 0x22, 0x5D]] {
            #expect(Self.parsed(text) == nil)
        }
        for text in [#""\ud800""#, #""\udc00""#, #""\ud800\u0041""#] {
            #expect(Self.parsed(Array(text.utf8)) == nil, "\(text) is a lone surrogate")
        }
    }

    @Test func refusesNestingDeeperThan512Levels() {
        let deep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let limit = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(Self.parsed(Array(deep.utf8)) == nil)
        #expect(Self.parsed(Array(limit.utf8)) != nil)
    }

    @Test func namesWhereTheTextStopsBeingJSON() {
        guard case .failure(let error) = Self.attempt(Array("[1,2 3]".utf8)) else {
            Issue.record("[1,2 3] was read")
            return
        }
        #expect(error.offset == 5)
        #expect(error.code == .notJSON)
        #expect(error.description == "not JSON at byte 5: expected ',' or ']'")
    }

    /// The valid samples but a duplicate key: `JSONDecoder` never reads the value of a key it drops, so it takes
    /// `{"a":1,"a":2e}` for JSON; this reader refuses it.
    static let mutable = valid.filter { !$0.contains(#""a":1,"a""#) }

    /// Every valid sample with a byte or two changed, twenty thousand times over: both readers agree on each (NUL is
    /// left out of the changes; see above).
    @Test func agreesWithJSONDecoderOnMutatedText() async {
        let disagreements = await SpecTestSupport.offThePool {
            var random = SplitMix(seed: 25)
            let alphabet = Array(#"{}[]":,\/ 0123456789-+.eEtrufalsn"ud83c"#.utf8) + [0x0A, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
            var disagreements: [String] = []
            for _ in 0..<20_000 {
                let sample = Array(Self.mutable[Int(random.next() % UInt64(Self.mutable.count))].utf8)
                guard !sample.isEmpty else { continue }
                let text = random.mutated(sample, alphabet: alphabet, most: 2)
                if !Self.same(Self.decoded(text), Self.parsed(text)) { disagreements.append(String(decoding: text, as: UTF8.self)) }
            }
            return disagreements
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) texts read differently, first: \(disagreements.prefix(5))")
    }
}

extension JSONValueParsingTests {
    /// Equal, or numbers beyond 2^53 with a fraction or an exponent, where nothing is exact: this reader takes the
    /// nearest Double (an Int when that is integral), while `JSONDecoder` cuts the fraction off the decimal digits
    /// (`9007199254740993.5` reads as the Int 9007199254740993), so the two may differ in the last unit.
    static func same(_ lhs: JSONValue?, _ rhs: JSONValue?) -> Bool {
        switch (lhs, rhs) {
        case (.int?, .int?), (.int?, .double?), (.double?, .int?), (.double?, .double?):
            guard let left = number(lhs), let right = number(rhs) else { return false }
            if lhs == rhs { return true }
            return Swift.max(left.magnitude, right.magnitude) >= 0x1p53 && (left - right).magnitude <= 2 * left.ulp
        case let (.array(left)?, .array(right)?):
            return left.count == right.count && zip(left, right).allSatisfy { same($0, $1) }
        case let (.object(left)?, .object(right)?):
            return left.keys == right.keys && left.allSatisfy { same($0.value, right[$0.key]) }
        default:
            return lhs == rhs
        }
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let int)?: Double(int)
        case .double(let double)?: double
        default: nil
        }
    }
}

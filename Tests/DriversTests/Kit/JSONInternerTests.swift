@testable import Drivers
import Spec
import Testing

/// Equal values read from different places come back as one copy; values that differ, and values with no storage
/// of their own, come back as they are.
@Suite("JSON interner: one copy of equal values")
struct JSONInternerTests {
    @Test func equalValuesShareOneCopy() throws {
        var interner = JSONInterner()
        let text = #"{"commands": [{"command": "start", "description": "Start the bot and show its menu"}]}"#
        let first = try #require(JSONValue.parsed(text.utf8)), second = try #require(JSONValue.parsed(text.utf8))
        #expect(storage(of: first) != storage(of: second), "two parses are two copies")
        let kept = interner(first), shared = interner(second)
        #expect(shared == second, "the value is unchanged")
        #expect(storage(of: shared) == storage(of: kept), "the second is the first's copy")
    }

    @Test func differentValuesAreKeptApart() throws {
        var interner = JSONInterner()
        let one = JSONValue.array([.string("callback_query_mode"), .string("supports_inline_queries")])
        let other = JSONValue.array([.string("callback_query_mode")])
        #expect(interner(one) == one)
        #expect(interner(other) == other)
        #expect(interner(.string("image sha256:359006dab2cd42cc")) == .string("image sha256:359006dab2cd42cc"))
        #expect(interner(.int(1)) == .int(1) && interner(.double(1)) == .double(1), "1 and 1.0 stay what they were")
    }

    /// The address of an object's dictionary or an array's buffer: the same for values that share a copy.
    private func storage(of value: JSONValue) -> UnsafeRawPointer? {
        switch value {
        case let .array(items): items.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        case let .object(members): unsafeBitCast(members, to: UnsafeRawPointer.self)
        default: nil
        }
    }
}

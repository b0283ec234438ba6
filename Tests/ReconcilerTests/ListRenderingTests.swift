import Spec
import Testing
@testable import Reconciler

@Suite("Long lists render element by element", .timeLimit(.minutes(1)))
struct ListRenderingTests {
    static func command(_ name: String) -> JSONValue {
        .object(["command": .string(name), "description": .string("The \(name) command of this bot")])
    }

    @Test func elementsAreAlignedByTheirLongestCommonRun() {
        let before = ["start", "help", "stop"].map(Self.command)
        let after = ["start", "ping", "stop", "about"].map(Self.command)
        let markers = PlanStyle.elementDiff(before, after).map { "\($0.0)\($0.1["command"]!.stringValue!)" }
        #expect(markers == [" start", "+ping", "-help", " stop", "+about"])
    }

    @Test func aShortListStaysOnOneLine() {
        let field = FieldChange(path: "allowed_updates", before: .array(["message"]), after: .array(["message", "poll"]))
        #expect(PlanStyle.fieldLines(field).map(\.text) == [#"allowed_updates: ["message"] -> ["message","poll"]"#])
    }

    @Test func aLongNewListIsAllAdded() {
        let field = FieldChange(path: "commands.default", before: nil, after: .array(["start", "help", "stop"].map(Self.command)))
        let lines = PlanStyle.fieldLines(field)
        #expect(lines.first?.text == "commands.default: [")
        #expect(lines.dropFirst().dropLast().allSatisfy { $0.marker == "+" && $0.depth == 1 })
        #expect(lines.last?.text == "]")
    }
}

import Testing
@testable import Spec

/// The expectations are PyYAML's (`yaml.safe_load`), which the JSON Schema check uses: both must
/// read a bare `no` or `0755` the same way.
@Suite("Plain scalars are read as YAML 1.1 reads them", .timeLimit(.minutes(1)))
struct YAMLScalarTests {
    static func value(_ text: String, style: YAMLNode.Style = .plain) -> YAMLScalar {
        YAMLScalar(YAMLNode.Scalar(string: text, style: style))
    }

    @Test(arguments: [("no", false), ("No", false), ("yes", true), ("on", true), ("OFF", false), ("true", true), ("False", false)])
    func booleans(_ text: String, _ expected: Bool) {
        #expect(Self.value(text) == .bool(expected))
    }

    @Test(arguments: [("0755", 493), ("0x1F", 31), ("0b101", 5), ("-12", -12), ("+3", 3), ("1_000", 1000), ("12:30", 750), ("1:02:03", 3723)])
    func integers(_ text: String, _ expected: Int) {
        #expect(Self.value(text) == .int(expected))
    }

    @Test(arguments: [("1.5", 1.5), (".5", 0.5), ("1.", 1.0), ("1.5e+3", 1500.0), (".inf", Double.infinity), ("-.Inf", -Double.infinity)])
    func floats(_ text: String, _ expected: Double) {
        #expect(Self.value(text) == .float(expected))
    }

    @Test(arguments: ["~", "null", "NULL", ""])
    func nulls(_ text: String) {
        #expect(Self.value(text) == .null)
    }

    @Test(arguments: ["2024-01-02", "2024-1-2 10:20:30", "2024-01-02T10:20:30Z"])
    func timestamps(_ text: String) {
        #expect(Self.value(text) == .timestamp)
    }

    @Test(arguments: ["0o17", "-.5", "1e5", "v1.2", "abc", "0.0.0.0", "127.0.0.1:8080", "08", "09", "256Mi", "@channel"])
    func strings(_ text: String) {
        #expect(Self.value(text) == .string(text))
    }

    @Test func quotedScalarsAreAlwaysStrings() {
        #expect(Self.value("no", style: .doubleQuoted) == .string("no"))
        #expect(Self.value("8080", style: .singleQuoted) == .string("8080"))
    }
}

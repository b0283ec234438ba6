import Spec
import Testing

/// Nesting is bounded from the event stream, so a file of a million `[` neither recurses anything
/// nor is walked.
@Suite("Input limits: nesting depth", .timeLimit(.minutes(1)))
struct NestingDepthLimitTests {
    static func bot(_ value: String) -> [SourceFile] {
        [SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
         SourceFile(path: "bots/deep.yaml", text: """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: deep}
            spec:
              token: {fromEnv: DEEP_TOKEN}
              x-deep: \(value)
            """)]
    }

    /// `levels` flow sequences inside each other.
    static func nested(_ levels: Int) -> String {
        String(repeating: "[", count: levels) + String(repeating: "]", count: levels)
    }

    @Test func theLimitIsExact() {
        // The document's mapping and `spec` are two levels, so 62 sequences reach 64.
        let within = SpecLoader().load(files: Self.bot(Self.nested(62)))
        #expect(!within.diagnostics.contains { $0.code == .inputLimit })
        let past = SpecLoader().load(files: Self.bot(Self.nested(63)))
        #expect(past.diagnostics.map(\.code) == [.inputLimit])
        let diagnostic = past.diagnostics.first
        #expect(diagnostic?.location.file == "bots/deep.yaml")
        #expect(diagnostic?.location.line == 6 && diagnostic?.location.column == 11 + 62,
                "at the bracket that opens level 65: \(String(describing: diagnostic?.location))")
        #expect(diagnostic?.message.contains("more than 64 levels") == true)
    }

    @Test func aMillionBracketsAreRefusedNotRecursed() {
        let result = SpecLoader().load(files: Self.bot(Self.nested(1_000_000)))
        #expect(result.diagnostics.map(\.code) == [.inputLimit], "\(result.diagnostics)")
        #expect(result.diagnostics.first?.location.line == 6)
        #expect(result.state == nil)
    }

    @Test func aLowerLimitIsHonoured() {
        let result = SpecLoader(limits: SpecLimits(maxDepth: 4)).load(files: Self.bot("{a: {b: [1]}}"))
        #expect(result.diagnostics.map(\.code) == [.inputLimit])
    }
}

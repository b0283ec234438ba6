import Foundation
import Spec
import Testing

/// A file over the size limit is refused at its first line and not parsed; the limit can be raised.
@Suite("Input limits: file size", .timeLimit(.minutes(1)))
struct FileSizeLimitTests {
    /// A valid Bot padded with a comment to `bytes` bytes.
    static func bot(bytes: Int) -> String {
        let body = """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: big}
            spec:
              token: {fromEnv: BIG_TOKEN}

            """
        return body + "#" + String(repeating: "x", count: bytes - body.utf8.count - 2) + "\n"
    }

    static func load(_ text: String, limits: SpecLimits = SpecLimits()) -> LoadResult {
        SpecLoader(limits: limits).load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "bots/big.yaml", text: text),
        ])
    }

    @Test func theDefaultIsFourMebibytesExactly() {
        let limit = SpecLimits.defaultMaxFileBytes
        #expect(limit == 4 * 1024 * 1024)
        let at = Self.load(Self.bot(bytes: limit))
        #expect(at.diagnostics.isEmpty, "\(at.diagnostics)")
        #expect(at.state?.bots.map(\.metadata.name) == ["big"])

        let over = Self.load(Self.bot(bytes: limit + 1))
        #expect(over.diagnostics.map(\.code) == [.inputLimit])
        let diagnostic = over.diagnostics.first
        #expect(diagnostic.map { "\($0.location)" } == "bots/big.yaml:1:1")
        #expect(diagnostic?.message.contains("\(limit + 1) bytes, over the limit of \(limit)") == true)
        #expect(diagnostic?.message.contains("--max-file-size") == true)
        #expect(over.state == nil)
    }

    @Test func aRaisedLimitReadsTheFile() {
        let text = Self.bot(bytes: 5 * 1024 * 1024)
        #expect(Self.load(text).diagnostics.map(\.code) == [.inputLimit])
        let raised = Self.load(text, limits: SpecLimits(maxFileBytes: 8 * 1024 * 1024))
        #expect(raised.diagnostics.isEmpty)
    }
}

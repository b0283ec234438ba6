import Spec
import Testing

/// Diagnostics as GitHub Actions annotations: at the file, line and column of the mistake, escaped
/// so that no message can end its command early or start another.
@Suite("GitHub annotations of diagnostics", .timeLimit(.minutes(1)))
struct GitHubAnnotationTests {
    @Test func aDanglingReferenceIsAnnotatedAtTheReference() {
        let result = SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "webhooks/hook.yaml", text: """
                apiVersion: botops/v1
                kind: Webhook
                metadata: {name: hook}
                spec:
                  bot: nobody
                  url: https://example.org/hook
                """),
        ])
        let lines = DiagnosticReport(result, pathPrefix: "fleet/").github().split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("::error file=fleet/webhooks/hook.yaml,line=5,col=8,title=botops dangling-reference::") },
                "\(lines)")
        #expect(lines.contains { $0.hasPrefix("::warning file=fleet/webhooks/hook.yaml,line=3,col=18,title=botops advice::") },
                "a warning is a warning annotation: \(lines)")
        #expect(lines.last == "1 error, 1 warning in 2 documents (2 files)")
    }

    @Test func messagesAndPropertiesAreEscaped() {
        let annotation = GitHubAnnotation(.warning, file: "a,b:c.yaml", line: 2, column: 1, title: "x, y: z",
                                          message: "100% sure\nline two\r::error::forged")
        #expect(annotation.command
                == "::warning file=a%2Cb%3Ac.yaml,line=2,col=1,title=x%2C y%3A z::100%25 sure%0Aline two%0D::error::forged")
        #expect(!annotation.command.contains("\n"))
        #expect(GitHubAnnotation(.notice, message: "plain").command == "::notice::plain")
    }
}

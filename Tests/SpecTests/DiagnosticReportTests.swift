import Foundation
import Testing
@testable import Spec

@Suite("Diagnostics are rendered in the compiler convention and as JSON", .timeLimit(.minutes(1)))
struct DiagnosticReportTests {
    static let broken = """
        apiVersion: botops/v1
        kind: Bot
        metadata:
          name: pingme
        spec:
          token: {fromEnv: PINGME_TOKEN}
          profile:
            descripton: hi
        """

    @Test func textIsOneLinePerProblemThenACount() {
        let result = SpecTestSupport.load(["bots/pingme.yaml": Self.broken])
        let text = DiagnosticReport(result, pathPrefix: "cfg/").text()
        #expect(text == """
            cfg/bots/pingme.yaml:8:5: error: unknown field 'descripton' in 'spec.profile'; did you mean 'description'?
            1 error, 0 warnings in 2 documents (2 files)

            """)
    }

    @Test func jsonCarriesCodesAndCounts() throws {
        let result = SpecTestSupport.load(["bots/pingme.yaml": Self.broken])
        let data = Data(DiagnosticReport(result).json().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["valid"] as? Bool == false)
        #expect(object["errors"] as? Int == 1)
        let first = try #require((object["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["file"] as? String == "bots/pingme.yaml")
        #expect(first["line"] as? Int == 8)
        #expect(first["column"] as? Int == 5)
        #expect(first["code"] as? String == "unknown-field")
        #expect(first["severity"] as? String == "error")
    }

    @Test func allProblemsAreReportedAtOnceAndSorted() {
        let result = SpecTestSupport.load([
            "b.yaml": "apiVersion: botops/v1\nkind: Webhook\nmetadata: {name: w}\nspec: {bot: nobody, url: 'http://x.example'}\n",
            "a.yaml": "apiVersion: botops/v2\nkind: Bot\nmetadata: {name: Bad_Name}\nspec: {}\n",
        ])
        let lines = SpecTestSupport.lines(result)
        #expect(lines.count >= 4)
        // Sorted by file, then line, then column: every neighbouring pair in order, not just the first line.
        let places = result.diagnostics.map { ($0.location.file, $0.location.line, $0.location.column) }
        #expect(zip(places, places.dropFirst()).allSatisfy { $0 <= $1 }, "\(lines)")
        #expect(Set(places.map(\.0)) == ["a.yaml", "b.yaml"], "both files reported at once")
        #expect(lines.contains { $0.hasPrefix("a.yaml:1:13: error: unknown apiVersion 'botops/v2'") })
        #expect(lines.contains { $0.hasPrefix("b.yaml:4:26: error: 'spec.url' must use https://") })
    }
}

@Suite("A resource with a field error is still cross-checked", .timeLimit(.minutes(1)))
struct PartialResourceTests {
    @Test func webhookWithBadURLStillReportsItsDanglingBot() {
        let result = SpecTestSupport.load([
            "w.yaml": "apiVersion: botops/v1\nkind: Webhook\nmetadata: {name: w}\nspec: {bot: nobody, url: 'http://x.example'}\n",
        ])
        #expect(result.diagnostics.map(\.code).contains(.danglingReference))
        #expect(result.diagnostics.map(\.code).contains(.telegramLimit))
    }
}

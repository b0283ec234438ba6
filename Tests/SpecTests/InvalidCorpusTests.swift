import Foundation
import Testing
@testable import Spec

/// Every case under Fixtures/invalid holds a configuration with one mistake and `expected.txt`, the
/// exact diagnostics `botops validate` prints for it (paths relative to the case folder).
/// Set BOTOPS_UPDATE_GOLDEN=1 to rewrite the expectations after a deliberate change, then review the diff.
@Suite("Invalid corpus: exact locations and messages", .timeLimit(.minutes(1)))
struct InvalidCorpusTests {
    static let corpus = SpecTestSupport.path("Tests/SpecTests/Fixtures/invalid")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func corpusIsLargeEnough() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func caseMatchesExpectation(_ name: String) throws {
        let folder = Self.corpus + "/" + name
        let result = try SpecLoader().load(from: DirectorySource(root: folder))
        let actual = DiagnosticReport(result).text()
        let expectedPath = folder + "/expected.txt"
        if ProcessInfo.processInfo.environment["BOTOPS_UPDATE_GOLDEN"] == "1" {
            try actual.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual == expected)
        #expect(result.errorCount >= 1, "an invalid case must produce an error")
        #expect(result.state == nil)
    }
}

import Testing
import TestSupport
@testable import Spec

/// A "did you mean" names the same candidate whatever order the candidates come in: some lists come from a set,
/// whose order changes between runs, and the fuzzer found the same text suggesting 'America/Nome' once and
/// 'America/Nuuk' the next time (both one letter from 'America/New').
@Suite("Suggestions do not depend on the candidates' order", .timeLimit(.minutes(1)))
struct SuggestionOrderTests {
    @Test func equallyNearCandidatesGiveTheFirstAlphabetically() {
        let candidates = ["America/Nuuk", "America/Nome", "America/Noronha"]
        var random = SplitMix(seed: 77)
        for _ in 0..<20 {
            let shuffled = candidates.shuffled(using: &random)
            #expect(Suggestion.closest(to: "America/New", in: shuffled) == "America/Nome", "\(shuffled)")
        }
    }

    @Test func theNearestStillWinsOverAnEarlierName() {
        #expect(Suggestion.closest(to: "labls", in: ["abels", "labels"]) == "labels")
    }

    @Test func anUnknownZoneIsSuggestedTheSameZoneEveryTime() {
        let suggestions = (0..<10).map { _ in
            Suggestion.closest(to: "America/New", in: TimeZoneCatalog.suggestions(near: "America/New"))
        }
        #expect(Set(suggestions).count == 1, "\(suggestions)")
    }
}

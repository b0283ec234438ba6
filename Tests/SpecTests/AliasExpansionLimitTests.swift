import Foundation
import Spec
import Testing

/// Aliases are counted by the nodes they repeat, so a "billion laughs" file is refused from its
/// events, before any walk of the document could take exponential time.
@Suite("Input limits: alias expansion", .timeLimit(.minutes(1)))
struct AliasExpansionLimitTests {
    /// Nine levels, each a list of nine aliases of the level below: 9^9 (387 million) strings in 2 KB.
    static let bomb: String = {
        var lines = ["apiVersion: botops/v1", "kind: Bot", "metadata: {name: laughs}", "x-lol:",
                     #"  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let levels = Array("abcdefghi")
        for (index, level) in levels.enumerated().dropFirst() {
            let below = levels[index - 1]
            lines.append("  \(level): &\(level) [" + Array(repeating: "*\(below)", count: 9).joined(separator: ",") + "]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    static func load(_ text: String, limits: SpecLimits = SpecLimits()) -> LoadResult {
        SpecLoader(limits: limits).load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "bots/laughs.yaml", text: text),
        ])
    }

    @Test func aBillionLaughsIsRefusedWithOneDiagnosticAndNotRead() {
        #expect(Self.bomb.utf8.count < 2048)
        let result = Self.load(Self.bomb)
        let limits = result.diagnostics.filter { $0.code == .inputLimit }
        #expect(limits.count == 1)
        let diagnostic = limits.first
        #expect(diagnostic?.location.file == "bots/laughs.yaml")
        // Levels a to e add 74,718 nodes through aliases; the first alias of level f adds 66,430 more.
        #expect(diagnostic?.location.line == 10, "\(String(describing: diagnostic?.location))")
        #expect(diagnostic?.message.contains("more than 100000 nodes") == true)
        #expect(result.state == nil)
        #expect(result.documentCount == 1, "only the Project was read")
        #expect(result.diagnostics.allSatisfy { $0.location.file == "bots/laughs.yaml" },
                "nothing else is said about a file that was not read")
    }

    /// The count is exact: an anchored mapping `{a: 1, b: 2}` is five nodes, the mapping and four
    /// scalars, so two aliases of it add ten.
    @Test func theLimitCountsEveryNodeAnAliasRepeats() {
        let text = """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: alpha}
            spec:
              token: {fromEnv: ALPHA_TOKEN}
              x-shared: &shared {a: 1, b: 2}
              x-one: *shared
              x-two: *shared
            """
        let atLimit = Self.load(text, limits: SpecLimits(maxAliasNodes: 10))
        #expect(!atLimit.diagnostics.contains { $0.code == .inputLimit })
        let past = Self.load(text, limits: SpecLimits(maxAliasNodes: 9))
        #expect(past.diagnostics.map(\.code) == [.inputLimit])
        #expect(past.diagnostics.first?.location.line == 8)
    }

    /// The count is the file's: documents each under the limit add up, so many small bombs in one
    /// file are one big bomb.
    @Test func documentsOfOneFileShareTheCount() {
        let document = """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: alpha}
            spec:
              token: {fromEnv: ALPHA_TOKEN}
              x-shared: &shared {a: 1, b: 2}
              x-one: *shared
            """
        let two = document + "\n---\n" + document.replacingOccurrences(of: "name: alpha", with: "name: beta")
        #expect(!Self.load(document, limits: SpecLimits(maxAliasNodes: 5)).diagnostics.contains { $0.code == .inputLimit })
        let refused = Self.load(two, limits: SpecLimits(maxAliasNodes: 5))
        #expect(refused.diagnostics.map(\.code) == [.inputLimit])
        #expect(refused.diagnostics.first?.location.line == 15, "at the second document's alias")
    }

    /// Aliases used the way configurations use them, one shared list for several command scopes,
    /// load as if written out.
    @Test func ordinaryAliasesLoad() throws {
        let result = Self.load("""
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: alpha}
            spec:
              token: {fromEnv: ALPHA_TOKEN}
              commands:
                - scope: {type: default}
                  commands: &common [{command: start, description: Start}, {command: help, description: Help}]
                - scope: {type: all_private_chats}
                  commands: *common
            """)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let bot = try #require(result.state?.bots.first)
        #expect(bot.commands.count == 2)
        #expect(bot.commands.allSatisfy { $0.commands.map(\.command) == ["start", "help"] })
    }
}

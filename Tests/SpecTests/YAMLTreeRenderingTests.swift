import Foundation
@testable import Spec
import Testing
import Yams

/// What import writes reads back as what it meant: every string, however YAML might misread it, comes back
/// the same; structure and comments land where people expect them.
@Suite("YAML writing: what is written reads back the same", .timeLimit(.minutes(1)))
struct YAMLTreeRenderingTests {
    static let awkward = [
        "plain text", "yes", "No", "on", "null", "~", "true", "1.5", "42", "0x1F", "1e3", "2026-12-05", "12:30", "-1001234567890",
        "@acme_news", "#hash", "a #comment", "key: value", "ends:", "- item", "[list]", "{map}", "*alias", "&anchor", "!tag",
        "|block", ">folded", "'single'", "\"double\"", "%directive", "`tick`", " leading", "trailing ", "", "line\nbreak",
        "tab\there", "back\\slash", "Привет, мир", "эмодзи 🤖", "https://example.com/tg/alpha?x=1#frag", "C#", "a: b: c", "?", ".inf",
        "\u{7}bell", "\u{2028}separator", "=", "---", "...", "100%", "50 % off", "<b>bold</b>", "127.0.0.1:8080:80/tcp", "/tmp:/data:ro", "a,b", "x]",
    ]

    @Test func everyStringReadsBackTheSame() throws {
        for text in Self.awkward {
            let yaml = YAMLTree.mapping([YAMLEntry("key", .string(text)), YAMLEntry(text.isEmpty ? "empty" : text, .string("v"))]).rendered()
            let loaded = try #require(try Yams.load(yaml: yaml) as? [String: Any], "\(yaml)")
            #expect(loaded["key"] as? String == text, "\(text.debugDescription) was written as \(yaml)")
            #expect(loaded[text.isEmpty ? "empty" : text] as? String == "v", "the key \(text.debugDescription) in \(yaml)")
            // Inside [...] and {...} too, where ':' and ',' mean more.
            let flow = YAMLTree.mapping([YAMLEntry("list", .sequence([.string(text), .string("x")])),
                                         YAMLEntry("map", .flow([YAMLEntry("k", .string(text))]))]).rendered()
            let read = try #require(try Yams.load(yaml: flow) as? [String: Any], "\(flow)")
            #expect((read["list"] as? [String])?.first == text, "\(text.debugDescription) in a flow list: \(flow)")
            #expect((read["map"] as? [String: String])?["k"] == text, "\(text.debugDescription) in a flow mapping: \(flow)")
        }
    }

    @Test func structureAndCommentsAreWhereTheyBelong() {
        let tree = YAMLTree.mapping([
            YAMLEntry("token", .flow([YAMLEntry("fromEnv", .string("ALPHA_TOKEN"))])),
            YAMLEntry("commands", .sequence([
                .mapping([YAMLEntry("scope", .string("all_private_chats")),
                          YAMLEntry("commands", .sequence([.mapping([YAMLEntry("command", .string("start")),
                                                                     YAMLEntry("description", .string("Start: go"))])]))]),
            ])),
            YAMLEntry("allowedUpdates", .sequence([.string("message"), .string("callback_query")])),
            YAMLEntry("ipAddress", .string("149.154.167.220"), comment: ["The address Telegram resolved; pin it only on purpose."],
                      commentedOut: true),
            YAMLEntry("empty", .mapping([])),
        ])
        #expect(tree.rendered() == """
            token: {fromEnv: ALPHA_TOKEN}
            commands:
              - scope: all_private_chats
                commands:
                  - command: start
                    description: "Start: go"
            allowedUpdates: [message, callback_query]
            # The address Telegram resolved; pin it only on purpose.
            # ipAddress: "149.154.167.220"

            """)
    }

    @Test func aDocumentNamesItsSchemaAndLoads() throws {
        let document = ResourceDocument(kind: .bot, name: "alpha", header: ["Imported from Telegram."],
                                        spec: .mapping([YAMLEntry("token", .flow([YAMLEntry("fromEnv", .string("ALPHA_TOKEN"))]))]))
        let text = document.text(schemaLine: "# yaml-language-server: $schema=../../schemas/botops-v1.schema.json")
        #expect(text.hasPrefix("# yaml-language-server: $schema=../../schemas/botops-v1.schema.json\n#\n# Imported from Telegram.\napiVersion: botops/v1\n"))
        #expect(document.path == "bots/alpha.yaml")
        let loaded = SpecTestSupport.load(["bots/alpha.yaml": text])
        #expect(loaded.diagnostics.isEmpty && loaded.state?.bots.first?.metadata.name == "alpha", "\(SpecTestSupport.lines(loaded))")
    }
}

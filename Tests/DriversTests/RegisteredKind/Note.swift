import Spec

/// A kind that exists only in the tests: a text pinned for a bot. Everything botops needs to read,
/// check, plan, apply and remember it is in this folder.
struct Note: DeclaredResource {
    static var kind: ResourceKind { .note }
    var metadata: ResourceMetadata
    var text: String
    var bot: String?

    var references: [SpecReference] { bot.map { [SpecReference(ResourceAddress(.bot, $0), key: "bot")] } ?? [] }
}

extension ResourceKind {
    /// Between Container (30) and Schedule (40), so plans show where a rank puts it.
    static let note = ResourceKind("Note", rank: 35)
}

extension KindSpec {
    static let note = KindSpec(kind: .note, referenceKeys: ["bot"],
        read: { spec, metadata in
            spec.rejectUnknownKeys(["text", "bot"])
            let bot = spec.string("bot")
            guard let text = spec.nonEmptyString("text") else { return nil }
            if text.count > 40 {
                spec.error(.invalidValue, at: spec.valueLocation("text"), "a note holds at most 40 characters, not \(text.count)")
                return nil
            }
            return Note(metadata: metadata, text: text, bot: bot)
        },
        check: { resources, context in
            // Two notes may not say the same thing.
            var first: [String: String] = [:]
            for case let note as Note in resources {
                if let other = first[note.text] {
                    context.error(.duplicate, at: note.metadata.location, "Note/\(note.metadata.name) says what Note/\(other) says")
                } else {
                    first[note.text] = note.metadata.name
                }
            }
        })
}

extension KindRegistry {
    /// botops' kinds and the note.
    static let withNotes = KindRegistry.standard.adding([.note])
}

/// One commit between two revisions, for a plan's header (`a1b2c3d Add beta bot`).
public struct CommitSummary: Sendable, Hashable, Codable {
    /// The full 40-hex commit id.
    public let id: String
    /// The first line of the commit message.
    public let subject: String

    public init(id: String, subject: String) {
        self.id = id
        self.subject = subject
    }

    /// The 7-character id and the subject.
    public var line: String { "\(id.prefix(7)) \(subject)" }
}

import Foundation

/// One commit between two revisions, for a plan's header (`a1b2c3d Add beta bot`).
public struct CommitSummary: Sendable, Hashable, Codable {
    /// The full 40-hex commit id.
    public let id: String
    /// The first line of the commit message.
    public let subject: String
    /// Who wrote it, as git records the author's name; nil where it was not read.
    public var author: String?
    /// When it was written (the author's time).
    public var date: Date?

    public init(id: String, subject: String, author: String? = nil, date: Date? = nil) {
        self.id = id
        self.subject = subject
        self.author = author
        self.date = date
    }

    /// The 7-character id and the subject.
    public var line: String { "\(id.prefix(7)) \(subject)" }
}

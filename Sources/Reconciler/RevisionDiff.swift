import Spec

/// The difference in what two revisions of the configuration declare: resources added, removed and
/// changed field by field. It reads no live system and no secret (references are compared as
/// written), so it can run on a pull request from a fork; a plan says what the live fleet needs.
public struct RevisionDiff: Sendable, Hashable, Codable {
    public enum Action: String, Sendable, Hashable, Codable {
        case added, removed, changed
    }

    /// One resource declared differently.
    public struct Entry: Sendable, Hashable, Codable {
        public let address: ResourceAddress
        public let action: Action
        /// Paths within the document (`spec.profile.name`); for an added or removed resource, its
        /// whole document as one field.
        public let fields: [FieldChange]
        /// Where the resource is declared at the head (at the base, for a removed one).
        public let location: SourceLocation
    }

    public let base: String
    public let head: String
    /// In kind order, then by name.
    public let entries: [Entry]

    public init(base: String, head: String, before: [DeclaredDocument], after: [DeclaredDocument]) {
        self.base = base
        self.head = head
        let old = Dictionary(before.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let new = Dictionary(after.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [Entry] = []
        for address in Set(old.keys).union(new.keys).sorted(by: Self.order) {
            switch (old[address], new[address]) {
            case let (nil, now?):
                entries.append(Entry(address: address, action: .added, fields: Self.whole(nil, now.value), location: now.location))
            case let (was?, nil):
                entries.append(Entry(address: address, action: .removed, fields: Self.whole(was.value, nil), location: was.location))
            case let (was?, now?) where was.value != now.value:
                entries.append(Entry(address: address, action: .changed,
                                     fields: ValueDiffer.changes(before: was.value, after: now.value), location: now.location))
            default:
                continue
            }
        }
        self.entries = entries
    }

    /// An added or removed document's top-level sections, one field each.
    private static func whole(_ before: JSONValue?, _ after: JSONValue?) -> [FieldChange] {
        let object = (after ?? before)?.objectValue ?? [:]
        return object.keys.sorted().map { key in
            FieldChange(path: key, before: before == nil ? nil : object[key], after: after == nil ? nil : object[key])
        }
    }

    private static func order(_ a: ResourceAddress, _ b: ResourceAddress) -> Bool {
        a.kind != b.kind ? a.kind < b.kind : a.name < b.name
    }

    public var isEmpty: Bool { entries.isEmpty }

    /// `2 added, 1 changed, 0 removed`.
    public var summary: String {
        let count = { (action: Action) in entries.count { $0.action == action } }
        return "\(count(.added)) added, \(count(.changed)) changed, \(count(.removed)) removed"
    }
}

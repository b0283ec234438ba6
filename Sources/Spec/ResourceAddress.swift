import Foundation

/// Names one resource across desired state, live state, plans and the inventory: `Kind/name`.
public struct ResourceAddress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let kind: ResourceKind
    public let name: String

    public init(_ kind: ResourceKind, _ name: String) {
        self.kind = kind
        self.name = name
    }

    /// Parses `Kind/name` with the kinds of `registry`; nil when the kind is unknown or either part is empty.
    public init?(parsing text: String, kinds registry: KindRegistry = .standard) {
        let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = registry.kind(named: String(parts[0])), !parts[1].isEmpty else {
            return nil
        }
        self.init(kind, String(parts[1]))
    }

    public var description: String { "\(kind.rawValue)/\(name)" }

    public static func < (lhs: ResourceAddress, rhs: ResourceAddress) -> Bool {
        lhs.kind != rhs.kind ? lhs.kind < rhs.kind : lhs.name < rhs.name
    }

    /// Decodes `Kind/name` with the registry in the decoder's `userInfo` (or the standard one).
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = ResourceAddress(parsing: text, kinds: KindRegistry.in(decoder.userInfo)) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "'\(text)' is not Kind/name"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

import Foundation

/// The name of a kind of resource, spelt as in `kind:` (`Bot`), with its place in plans.
///
/// Open: kinds are registered (see ``KindRegistry``), not enumerated, so a kind is added in its own
/// folder. Each kind declares its constant where it is defined (`ResourceKind.bot` in `Kinds/Bot`).
/// Two kinds are equal when their names are; `rank` orders them in plans, addresses and listings
/// (lower first, then by name), so it must be the same wherever a name is spelt: text is turned into
/// a kind only through a registry.
public struct ResourceKind: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The name as written in `kind:` and in addresses.
    public let rawValue: String
    /// Where the kind sorts among the others.
    public let rank: Int

    public init(_ name: String, rank: Int) {
        rawValue = name
        self.rank = rank
    }

    public var description: String { rawValue }

    public static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool { lhs.rawValue == rhs.rawValue }

    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        lhs.rank != rhs.rank ? lhs.rank < rhs.rank : lhs.rawValue < rhs.rawValue
    }

    /// Decodes a name through the registry in the decoder's `userInfo` (``KindRegistry/userInfoKey``),
    /// or the standard one; a name neither knows is a decoding error.
    public init(from decoder: any Decoder) throws {
        let name = try decoder.singleValueContainer().decode(String.self)
        guard let kind = KindRegistry.in(decoder.userInfo).kind(named: name) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown kind '\(name)'"))
        }
        self = kind
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

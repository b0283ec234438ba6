import Foundation

/// The kinds one configuration may hold, in plan order: what the loader reads, what text is turned
/// into kinds with, and (through the drivers that name them) what the engine reconciles.
///
/// ``standard`` is botops' own; a registry with more kinds (``adding(_:)``) is handed to the loader
/// and the session, so validate, plan and apply see the same ones.
public struct KindRegistry: Sendable {
    /// Every kind, by rank.
    public let specs: [KindSpec]
    private let byName: [String: KindSpec]

    /// Kinds must have distinct names.
    public init(_ specs: [KindSpec]) {
        self.specs = specs.sorted { $0.kind < $1.kind }
        byName = Dictionary(specs.map { ($0.kind.rawValue, $0) }, uniquingKeysWith: { first, _ in
            preconditionFailure("kind '\(first.kind)' is registered twice")
        })
    }

    /// botops' own kinds. A new kind is one line here and a folder of its own.
    public static let standard = KindRegistry([.project, .bot, .webhook, .channel, .container, .schedule, .booster, .botRecord, .channelRecord])

    /// This registry with `more` kinds.
    public func adding(_ more: [KindSpec]) -> KindRegistry { KindRegistry(specs + more) }

    public var kinds: [ResourceKind] { specs.map(\.kind) }

    /// The kinds documents may declare, by rank.
    public var declarable: [ResourceKind] { specs.filter(\.isDeclarable).map(\.kind) }

    public func kind(named name: String) -> ResourceKind? { byName[name]?.kind }

    public func spec(for kind: ResourceKind) -> KindSpec? { byName[kind.rawValue] }

    /// Names every kind, for keys of caches that depend on which kinds were read.
    var signature: String { specs.map { "\($0.kind.rawValue):\($0.kind.rank)" }.joined(separator: ",") }

    /// The key under which a decoder's `userInfo` carries the registry its kinds are read with.
    public static let userInfoKey = CodingUserInfoKey(rawValue: "dev.botops.kinds")!

    /// The registry in `userInfo`, or the standard one.
    public static func `in`(_ userInfo: [CodingUserInfoKey: Any]) -> KindRegistry {
        userInfo[userInfoKey] as? KindRegistry ?? .standard
    }
}

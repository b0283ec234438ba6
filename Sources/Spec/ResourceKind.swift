/// The kinds of document botops understands, spelt as in `kind:`.
public enum ResourceKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case project = "Project"
    case bot = "Bot"
    case webhook = "Webhook"
    case container = "Container"
    case schedule = "Schedule"
    case booster = "Booster"
    /// A Bot's row in the registry botops keeps in Postgres for panels and workers; derived from
    /// the Bot, never declared in YAML.
    case botRecord = "BotRecord"

    /// The kinds a document may declare (`kind:`).
    public static let declarable: [ResourceKind] = allCases.filter(\.isDeclarable)

    public var isDeclarable: Bool { self != .botRecord }

    /// Declaration order, used to sort plans and addresses stably.
    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

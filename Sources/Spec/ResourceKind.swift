/// The kinds of document botops understands, spelt as in `kind:`.
public enum ResourceKind: String, CaseIterable, Sendable, Hashable, Codable, Comparable {
    case project = "Project"
    case bot = "Bot"
    case webhook = "Webhook"
    case container = "Container"
    case schedule = "Schedule"
    case booster = "Booster"

    /// Declaration order, used to sort plans and addresses stably.
    public static func < (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

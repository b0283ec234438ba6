/// The kinds of chat a Channel may be, as `getChat` names them.
public enum ChatType: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case channel
    case group
    case supergroup

    public static func < (lhs: ChatType, rhs: ChatType) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Whether members have permissions (`setChatPermissions`): groups and supergroups.
    public var hasMemberPermissions: Bool { self != .channel }
}

import Foundation

/// One daemon sharing a state store, as it last checked in: who it is, whether it led, and until when it
/// counts as there. A replica checks in at each of its passes and sets `expiresAt` past its next one, so a
/// replica that died drops out of the roll once that time is gone, and one that stops checks out at once.
public struct ReplicaRecord: Sendable, Hashable, Codable {
    public enum Role: String, Sendable, Hashable, Codable {
        case leader
        case standby
    }

    public let replica: RunInfo
    public let role: Role
    public let seenAt: Date
    public let expiresAt: Date

    public init(replica: RunInfo, role: Role, seenAt: Date = Date(), expiresAt: Date) {
        self.replica = replica
        self.role = role
        self.seenAt = seenAt
        self.expiresAt = expiresAt
    }

    /// The roll as a reader wants it: only those still there, the leader first, then by host and pid.
    public static func roll(_ records: [ReplicaRecord], at now: Date = Date()) -> [ReplicaRecord] {
        records.filter { $0.expiresAt > now }.sorted {
            ($0.role == .leader ? 0 : 1, $0.replica.host, $0.replica.pid) < ($1.role == .leader ? 0 : 1, $1.replica.host, $1.replica.pid)
        }
    }
}

import Foundation
import Spec

/// One thing the daemon saw happen to the fleet, for its event log: a webhook delivery error appearing, a
/// container that exited, a change that failed. Kept with the state (``EventStore``), so every replica shows
/// the same log; its text is for people and, like every message botops writes, holds no secret.
public struct FleetEvent: Sendable, Hashable, Codable, Identifiable {
    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Telegram reports a failed delivery to a webhook newer than the last one recorded.
        case webhookError = "webhook-error"
        /// A webhook's pending updates rose above the Project's `events.backlogThreshold`.
        case backlog
        /// A container botops keeps running was found stopped (with its exit code, when its engine told it).
        case containerExited = "container-exited"
        /// A container exited and was started again between two passes (by its restart policy, or by hand), as
        /// its engine told it: a pass alone would find it running and see nothing.
        case containerRestarted = "container-restarted"
        /// A container's health check turned unhealthy.
        case containerUnhealthy = "container-unhealthy"
        /// A change the daemon applied failed.
        case applyFailed = "apply-failed"
        /// A live object was changed or removed outside botops and not set back in the same pass.
        case driftFound = "drift-found"
        /// A live object changed outside botops was set back.
        case driftHealed = "drift-healed"
        /// A Channel's bot lost a right it needs there (or was demoted).
        case rightLost = "right-lost"
        /// A Channel's bot has every declared right again.
        case rightRegained = "right-regained"

        /// Whether a person should look: everything but a recovery.
        public var isTrouble: Bool { self != .driftHealed && self != .rightRegained }
    }

    /// Unique in the log. Events that can be seen twice (the same webhook error, read again by another
    /// replica or after a restart) have an id made from what they are, so the log keeps them once.
    public let id: String
    public let at: Date
    public let kind: Kind
    public let resource: ResourceAddress
    /// The bot the resource belongs to, when it belongs to one.
    public let bot: String?
    /// One line for people.
    public let text: String
    /// The revision the daemon was applying (nil for a folder).
    public let revision: String?

    public init(id: String = UUID().uuidString.lowercased(), at: Date = Date(), kind: Kind, resource: ResourceAddress,
                bot: String?, text: String, revision: String?) {
        self.id = id
        self.at = at
        self.kind = kind
        self.resource = resource
        self.bot = bot
        self.text = text
        self.revision = revision
    }
}

/// Which events a reader wants: newest first, at most `limit`.
public struct EventQuery: Sendable, Hashable {
    /// Only this bot's events; nil for all.
    public var bot: String?
    /// Only this resource's events; nil for all.
    public var resource: ResourceAddress?
    /// Only events after this time.
    public var since: Date?
    /// Only events at or before this time: the next page of a long log starts at the last event read (an event
    /// read twice there is one the reader has by its id).
    public var until: Date?
    public var limit: Int

    /// The most a query returns, whatever it asks.
    public static let maximumLimit = 1000

    public init(bot: String? = nil, resource: ResourceAddress? = nil, since: Date? = nil, until: Date? = nil, limit: Int = 100) {
        self.bot = bot
        self.resource = resource
        self.since = since
        self.until = until
        self.limit = min(max(1, limit), Self.maximumLimit)
    }

    /// Whether `event` is one this query asks for (its time and filters; not the limit).
    public func matches(_ event: FleetEvent) -> Bool {
        (bot == nil || event.bot == bot) && (resource == nil || event.resource == resource) && (since.map { event.at > $0 } ?? true)
            && (until.map { event.at <= $0 } ?? true)
    }
}

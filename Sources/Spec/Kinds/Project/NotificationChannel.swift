import Foundation

/// Where the daemon tells people what happened to the fleet (the Project's `spec.notifications`).
public struct NotificationChannel: Sendable, Hashable {
    public enum Destination: Sendable, Hashable {
        /// A message from `bot` (any Bot of the configuration) to `chat`.
        case telegram(bot: String, chat: ChatReference)
        /// A JSON POST to `url`, its body signed with `secret` (HMAC-SHA256, hex, in
        /// `X-Botops-Signature: sha256=...`).
        case webhook(url: String, secret: SecretReference)
    }

    public var destination: Destination
    /// The events sent; every event when the configuration leaves the list out.
    public var events: Set<NotificationEvent>
    /// Where the channel is declared.
    public var location: SourceLocation
    /// Where a Telegram channel's `bot` is written, for a reference that does not resolve.
    public var botLocation: SourceLocation?

    public init(destination: Destination, events: Set<NotificationEvent> = Set(NotificationEvent.allCases),
                location: SourceLocation, botLocation: SourceLocation? = nil) {
        self.destination = destination
        self.events = events
        self.location = location
        self.botLocation = botLocation
    }

    /// `telegram:opsbot->@acme_ops` or `webhook:hooks.example.org`: names the channel in logs without
    /// the webhook's path, which some receivers use as a credential.
    public var name: String {
        switch destination {
        case let .telegram(bot, chat): "telegram:\(bot)->\(chat)"
        case let .webhook(url, _): "webhook:" + (URLComponents(string: url)?.host ?? "?")
        }
    }
}

/// What a notification is about.
public enum NotificationEvent: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A pass failed (something could not be applied or read) or was refused by a safety rail.
    case passFailed = "pass-failed"
    /// A pass set drifted resources back to their declaration.
    case driftHealed = "drift-healed"
    /// A pass applied changes.
    case applied
    /// Telegram reports a new failed delivery to a bot's webhook.
    case webhookUnhealthy = "webhook-unhealthy"
    /// A resource became degraded (a Channel's bot lost a right it needs there) or recovered.
    case degraded
    /// This daemon took over as leader, or stood down.
    case leaderChanged = "leader-changed"

    public static func < (a: Self, b: Self) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// What a live object reports about itself and is never desired state: its words for people, and
/// its health where it has one, which is what anything is decided from (the plan's colour, a
/// replace's wait). See ``Observations/statuses``.
public struct LiveStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A health check's verdict (a container's).
    public enum Health: String, Sendable, Hashable, Codable {
        case healthy
        case starting
        case unhealthy
        /// Up, but missing something it needs to do its work (a Channel whose bot lacks a right).
        case degraded

        /// Whether a person should act: unhealthy or degraded.
        public var isTrouble: Bool { self == .unhealthy || self == .degraded }
    }

    /// For people: `healthy`, `last delivery failed at ...`.
    public let text: String
    /// Nil for a report that is not a health check's (a webhook's failed delivery).
    public let health: Health?

    public init(_ text: String, health: Health? = nil) {
        self.text = text
        self.health = health
    }

    /// A health check's verdict, in its own word.
    public init(health: Health) {
        self.init(health.rawValue, health: health)
    }

    public var description: String { text }
}

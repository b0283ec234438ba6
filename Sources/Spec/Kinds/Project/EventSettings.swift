/// How the daemon keeps its event log (the Project's `spec.events`): what it saw happen to the fleet,
/// per bot, kept with the state so every replica shows the same log.
public struct EventSettings: Sendable, Hashable {
    /// Days an event is kept; older ones are dropped when new ones are written.
    public var retentionDays: Int
    /// Pending updates at a webhook above which a backlog is an event (once each time it crosses).
    public var backlogThreshold: Int

    public static let defaultRetentionDays = 30
    public static let defaultBacklogThreshold = 100
    /// The longest retention: ten years is forever for an event log and keeps dates in range.
    public static let maximumRetentionDays = 3650

    public init(retentionDays: Int = EventSettings.defaultRetentionDays,
                backlogThreshold: Int = EventSettings.defaultBacklogThreshold) {
        self.retentionDays = retentionDays
        self.backlogThreshold = backlogThreshold
    }
}

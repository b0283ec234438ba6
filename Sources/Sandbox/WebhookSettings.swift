/// A bot's webhook as the Bot API server keeps it. An empty `url` means the bot uses getUpdates.
struct WebhookSettings: Sendable, Equatable {
    var url = ""
    var hasCustomCertificate = false
    /// 0 while no webhook is set, otherwise 1...100.
    var maxConnections = 0
    /// The fixed IP address given with `ip_address`, or `""`.
    var ipAddress = ""
    var fixIPAddress = false
    /// Never returned by any method and never logged.
    var secretToken = ""

    /// No webhook.
    static let none = WebhookSettings()

    var isSet: Bool { !url.isEmpty }
}

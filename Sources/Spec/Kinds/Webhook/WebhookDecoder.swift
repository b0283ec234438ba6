import Foundation

/// Reads a `Webhook` spec and checks it against the rules `setWebhook` enforces.
struct WebhookDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Webhook? {
        spec.rejectUnknownKeys(["bot", "url", "secretToken", "allowedUpdates", "maxConnections", "ipAddress",
                                "dropPendingUpdates"])
        let bot = spec.nonEmptyString("bot")
        let url = spec.string("url", required: true).flatMap(checkURL)
        let secret = spec.secret("secretToken")
        var allowedUpdates: [String]?
        if let updates = spec.stringList("allowedUpdates"), let nodes = spec.sequence("allowedUpdates") {
            var seen: Set<String> = []
            for (update, node) in zip(updates, nodes.filter { $0.stringScalar != nil }) {
                if !TelegramRules.updateTypes.contains(update) {
                    context.sink.error(.telegramLimit, at: context.location(of: node),
                        "'\(update)' is not a Telegram update type" + Suggestion.phrase(for: update, in: TelegramRules.updateTypes))
                } else if !seen.insert(update).inserted {
                    context.sink.warning(.advice, at: context.location(of: node), "update type '\(update)' is listed twice")
                }
            }
            allowedUpdates = updates.filter { TelegramRules.updateTypes.contains($0) }
        }
        var maxConnections: Int?
        if let value = spec.int("maxConnections") {
            if TelegramRules.maxConnectionsRange.contains(value) {
                maxConnections = value
            } else {
                context.sink.error(.telegramLimit, at: spec.valueLocation("maxConnections"),
                    "'spec.maxConnections' must be between 1 and 100, not \(value)")
            }
        }
        var ipAddress: String?
        if let ip = spec.string("ipAddress") {
            if SpecSyntax.isIPAddress(ip) {
                ipAddress = ip
            } else {
                context.sink.error(.invalidValue, at: spec.valueLocation("ipAddress"),
                    "'spec.ipAddress' must be an IPv4 or IPv6 address, not '\(ip)'")
            }
        }
        let drop = spec.bool("dropPendingUpdates") ?? false
        if !spec.has("secretToken") {
            context.sink.warning(.advice, at: metadata.location,
                "webhook '\(metadata.name)' has no secretToken; anyone who learns the URL can post fake updates")
        }
        // A webhook with a bad URL is still returned so its bot reference gets checked in the same run;
        // the configuration is invalid either way and nothing acts on it.
        guard let bot else { return nil }
        return Webhook(metadata: metadata, bot: bot, url: url ?? "", secretToken: secret, allowedUpdates: allowedUpdates,
                       maxConnections: maxConnections, ipAddress: ipAddress, dropPendingUpdates: drop)
    }

    private func checkURL(_ url: String) -> String? {
        let location = spec.valueLocation("url")
        guard let components = URLComponents(string: url), let host = components.host, !host.isEmpty else {
            context.sink.error(.invalidValue, at: location, "'spec.url' is not a URL: '\(url)'")
            return nil
        }
        guard components.scheme?.lowercased() == "https" else {
            context.sink.error(.telegramLimit, at: location,
                "'spec.url' must use https://; Telegram delivers webhooks over HTTPS only")
            return nil
        }
        if let port = components.port, !TelegramRules.webhookPorts.contains(port) {
            context.sink.error(.telegramLimit, at: location,
                "webhook port \(port) is not allowed; Telegram delivers only to ports 443, 80, 88 or 8443")
            return nil
        }
        return url
    }
}

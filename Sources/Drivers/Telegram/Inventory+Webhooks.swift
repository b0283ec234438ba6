import Reconciler

extension Inventory {
    /// Bots that have a Webhook botops owns. Such a webhook is deleted by its own change, so the
    /// bot's polling check and the bot's own deletion leave it alone.
    var botsWithOwnedWebhook: Set<String> {
        Set(resources.values.compactMap { $0.address.kind == .webhook ? $0.attributes["bot"]?.stringValue : nil })
    }
}

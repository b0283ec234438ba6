import Drivers
import Spec

extension DaemonMetrics: CallRecorder {
    public func recordCall(_ call: LiveCall) {
        let system = call.system
        registry.makeCounter(descriptor: .botops(system.metric, unit: "total", system.help),
                             labels: [(system.operationLabel, call.operation), (system.resultLabel, call.result.description)]).increment()
    }

    public func recordTelegramRetry(method: String, reason: LiveCall.RetryReason) {
        registry.makeCounter(descriptor: .botops("telegram_retries", unit: "total",
            "Bot API requests sent again: after flood control's retry_after (flood) or a server error or lost connection (transient)."),
                             labels: [("method", method), ("reason", reason.rawValue)]).increment()
    }
}

extension DaemonMetrics {
    /// One notice to one channel: `sent`, `failed` or `suppressed` (the same one went out less than the
    /// dispatcher's window ago). Channels are labelled by type, not address.
    func notification(channel: NotificationChannel, event: NotificationEvent, result: String) {
        let type = switch channel.destination {
        case .telegram: "telegram"
        case .webhook: "webhook"
        }
        registry.makeCounter(descriptor: .botops("notifications", unit: "total",
            "Notices to the Project's notification channels, by channel type, event and result."),
                             labels: [("channel", type), ("event", event.rawValue), ("result", result)]).increment()
    }
}

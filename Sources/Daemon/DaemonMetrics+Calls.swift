import Drivers
import Spec

extension DaemonMetrics: CallRecorder {
    public func recordCall(_ call: LiveCall) {
        let (name, help, labels) = switch call.system {
        case "telegram": ("telegram_requests",
                          "Bot API requests, by method and error code (200 when ok, 429 for flood control, unreachable).",
                          ("method", "status"))
        case "docker": ("docker_requests",
                        "Docker Engine API requests, by HTTP method and status (unreachable when no answer came).",
                        ("method", "status"))
        default: ("\(call.system)_operations",
                  "Database connections and the statements sent on them, by read or write and result.",
                  ("operation", "result"))
        }
        registry.makeCounter(descriptor: .botops(name, unit: "total", help), labels: [(labels.0, call.operation), (labels.1, call.result)]).increment()
    }

    public func recordTelegramRetry(method: String, reason: String) {
        registry.makeCounter(descriptor: .botops("telegram_retries", unit: "total",
            "Bot API requests sent again: after flood control's retry_after (flood) or a server error or lost connection (transient)."),
                             labels: [("method", method), ("reason", reason)]).increment()
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

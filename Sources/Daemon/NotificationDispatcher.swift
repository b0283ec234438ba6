import AsyncHTTPClient
import Drivers
import Foundation
import Logging
import NIOCore
import Spec

/// Sends the daemon's notices to the Project's channels: Telegram messages through one of the
/// config's bots, and signed JSON POSTs to webhooks. The same notice to the same channel goes at most
/// once per ``window``. A channel that fails is logged and counted; nothing it does fails a pass.
public actor NotificationDispatcher {
    /// Identical notices within this time are sent once.
    public let window: Duration
    private let http: HTTPClient
    private let logger: Logger
    private let metrics: DaemonMetrics
    /// When each (channel, notice identity) was last sent.
    private var sent: [String: ContinuousClock.Instant] = [:]

    public init(window: Duration = .seconds(600), logger: Logger, metrics: DaemonMetrics) {
        self.window = window
        self.logger = logger
        self.metrics = metrics
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        // A signed body goes where the configuration says, never where a redirect points.
        configuration.redirectConfiguration = .disallow
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Sends `notice` to each channel of `state` that lists its event, all at once, and returns when
    /// each has been sent, suppressed or has failed.
    public func deliver(_ notice: Notice, state: DesiredState, catalog: DriverCatalog, secrets: SecretResolver) async {
        let now = ContinuousClock.now
        sent = sent.filter { now - $0.value < window }
        var due: [NotificationChannel] = []
        for channel in state.project.notifications where channel.events.contains(notice.event) {
            let key = Self.key(of: channel) + "\u{1E}" + notice.identity
            if let last = sent[key], now - last < window {
                metrics.notification(channel: channel, event: notice.event, result: "suppressed")
                continue
            }
            sent[key] = now
            due.append(channel)
        }
        guard !due.isEmpty else { return }
        let telegram = catalog.telegramClient(for: state.project, logger: logger)
        let http = self.http
        let results = await withTaskGroup(of: (NotificationChannel, String?).self) { group in
            for channel in due {
                group.addTask {
                    (channel, await Self.send(notice, to: channel, state: state, telegram: telegram, http: http, secrets: secrets))
                }
            }
            var results: [(NotificationChannel, String?)] = []
            for await result in group { results.append(result) }
            return results
        }
        for (channel, failure) in results {
            metrics.notification(channel: channel, event: notice.event, result: failure == nil ? "sent" : "failed")
            if let failure {
                logger.warning("notification not sent", metadata: [
                    "channel": "\(channel.name)", "event": "\(notice.event.rawValue)", "error": "\(failure)"])
            } else {
                logger.info("notification sent", metadata: ["channel": "\(channel.name)", "event": "\(notice.event.rawValue)"])
            }
        }
    }

    /// What tells two channels apart for rate limiting: the whole address (``NotificationChannel/name``
    /// leaves a webhook's path out, and two receivers on one host are two channels).
    static func key(of channel: NotificationChannel) -> String {
        switch channel.destination {
        case let .telegram(bot, chat): "telegram\u{1F}\(bot)\u{1F}\(chat)"
        case let .webhook(url, _): "webhook\u{1F}\(url)"
        }
    }

    /// Closes the webhook client's connections.
    public func shutdown() async {
        // Closing is best effort at exit: nothing is in flight once the loop stopped.
        try? await http.shutdown()
    }

    /// Nil when sent; otherwise why not, with no secret in it.
    static func send(_ notice: Notice, to channel: NotificationChannel, state: DesiredState, telegram: TelegramClient,
                     http: HTTPClient, secrets: SecretResolver) async -> String? {
        switch channel.destination {
        case let .telegram(botName, chat):
            guard let bot = state.bots.first(where: { $0.metadata.name == botName }) else {
                return "Bot/\(botName) is not declared"
            }
            let token: String
            do {
                token = try secrets.resolve(bot.token)
            } catch {
                return error.message
            }
            let chatID: JSONValue = switch chat {
            case let .id(id): .int(Int(id))
            case let .username(name): .string(name)
            }
            do {
                _ = try await telegram.call("sendMessage", token: token, [
                    "chat_id": chatID, "text": .string(notice.message),
                    "link_preview_options": .object(["is_disabled": .bool(true)]),
                ])
                return nil
            } catch {
                return error.description
            }
        case let .webhook(url, secretReference):
            let secret: String
            do {
                secret = try secrets.resolve(secretReference)
            } catch {
                return error.message
            }
            let body = notice.json
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "botops")
            request.headers.add(name: "X-Botops-Event", value: notice.event.rawValue)
            request.headers.add(name: "X-Botops-Signature", value: PushNotification.signature(of: body, secret: secret))
            request.body = .bytes(ByteBuffer(bytes: body))
            do {
                let response = try await http.execute(request, timeout: .seconds(10))
                _ = try await response.body.collect(upTo: 1 << 16)
                guard (200..<300).contains(Int(response.status.code)) else {
                    return "the receiver answered HTTP \(response.status.code)"
                }
                return nil
            } catch {
                return "cannot reach the receiver: \(String(describing: error).prefix(200))"
            }
        }
    }
}

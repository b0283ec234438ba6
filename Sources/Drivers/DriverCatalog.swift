import AsyncHTTPClient
import Logging
import Reconciler
import Spec

/// Builds the drivers a project needs, each pointed at its live system.
public struct DriverCatalog: Sendable {
    /// Overrides the Project's `telegram.apiURL` (staging against the sandbox, a local Bot API server).
    public var telegramAPIURL: String?
    /// Fleet-wide ceiling on Telegram calls per second.
    public var telegramRequestsPerSecond: Double
    public var retry: RetryPolicy

    public init(telegramAPIURL: String? = nil, telegramRequestsPerSecond: Double = 30, retry: RetryPolicy = RetryPolicy()) {
        self.telegramAPIURL = telegramAPIURL
        self.telegramRequestsPerSecond = telegramRequestsPerSecond
        self.retry = retry
    }

    public func drivers(for project: Project, http: HTTPClient = .shared, logger: Logger) -> [any Driver] {
        let telegram = TelegramClient(baseURL: telegramAPIURL ?? project.telegramAPIURL, http: http,
                                      requestsPerSecond: telegramRequestsPerSecond, retry: retry, logger: logger)
        return [TelegramDriver(client: telegram)]
    }
}

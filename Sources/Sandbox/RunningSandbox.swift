import Foundation
import Hummingbird
import Logging
// ServiceLifecycle comes with Hummingbird; its ServiceGroup gives the server a graceful shutdown.
import ServiceLifecycle

/// A sandbox serving HTTP on loopback, started by ``start(_:host:port:logger:)`` and stopped by ``stop()``.
public final class RunningSandbox: Sendable {
    /// `http://<host>:<port>`, the value to use as `telegram.apiURL`.
    public let baseURL: String
    /// The port actually bound (useful when started with port 0).
    public let port: Int
    private let state: SandboxState
    private let serviceGroup: ServiceGroup
    private let runTask: Task<Void, Never>

    private init(baseURL: String, port: Int, state: SandboxState, serviceGroup: ServiceGroup, runTask: Task<Void, Never>) {
        self.baseURL = baseURL
        self.port = port
        self.state = state
        self.serviceGroup = serviceGroup
        self.runTask = runTask
    }

    /// Validates `configuration`, binds `host:port` (0 picks a free port) and serves in a background task.
    ///
    /// - Returns: once the server accepts connections.
    /// - Throws: ``SandboxConfigurationError`` for a bad configuration, or the bind error.
    public static func start(
        _ configuration: SandboxConfiguration,
        host: String = "127.0.0.1",
        port: Int = 0,
        logger: Logger = Logger(label: "botops.sandbox")
    ) async throws -> RunningSandbox {
        try configuration.validate()
        let state = SandboxState(configuration: configuration)
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let application = Application(
            responder: SandboxResponder(state: state, latency: configuration.latency, logger: logger),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                continuation.yield(.success(channel.localAddress?.port ?? port))
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(services: [application], gracefulShutdownSignals: [], cancellationSignals: [], logger: logger)
        let runTask = Task {
            do {
                try await serviceGroup.run()
            } catch {
                continuation.yield(.failure(error))
            }
            continuation.finish()
        }
        for await event in events {
            switch event {
            case .success(let boundPort):
                let hostInURL = host.contains(":") ? "[\(host)]" : host
                return RunningSandbox(
                    baseURL: "http://\(hostInURL):\(boundPort)", port: boundPort,
                    state: state, serviceGroup: serviceGroup, runTask: runTask
                )
            case .failure(let error):
                throw error
            }
        }
        throw CancellationError()
    }

    /// The Bot API calls answered so far, oldest first, with secrets masked.
    public func calls() async -> [SandboxCall] {
        await state.recordedCalls()
    }

    /// The messages bots sent with `sendMessage`, oldest first.
    public func messages() async -> [SentMessage] {
        await state.sentMessages()
    }

    /// Empties the call log and resets ``stats()``; bot state is kept.
    public func clearCalls() async {
        await state.clearCalls()
    }

    /// Counters since start or the last ``clearCalls()``.
    public func stats() async -> SandboxStats {
        await state.stats()
    }

    /// Sets a bot's `pending_update_count` as reported by getWebhookInfo.
    ///
    /// - Returns: `false` when no configured bot has `botID`.
    @discardableResult
    public func setPendingUpdateCount(botID: String, to count: Int) async -> Bool {
        await state.setPendingUpdateCount(botID: botID, count: count)
    }

    /// Makes getWebhookInfo of `botID` report a failed delivery (`last_error_date`, `last_error_message`),
    /// as Telegram does when the webhook's server answered wrongly; nil clears it.
    ///
    /// - Returns: `false` when no configured bot has `botID`.
    @discardableResult
    public func setLastWebhookError(botID: String, at date: Date?, message: String = "") async -> Bool {
        await state.setLastWebhookError(botID: botID, date.map { (Int64($0.timeIntervalSince1970), message) })
    }

    /// Stops accepting connections, lets requests in flight finish, and returns when the server is down.
    /// Calling it again does nothing.
    public func stop() async {
        await serviceGroup.triggerGracefulShutdown()
        await runTask.value
    }
}

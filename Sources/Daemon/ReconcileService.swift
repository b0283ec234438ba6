import Hummingbird
import Logging
import ServiceLifecycle

/// The loop as a swift-service-lifecycle service: a graceful shutdown (SIGTERM) stops it, letting the
/// pass in flight finish its calls and record itself as cancelled.
public struct ReconcileService: Service {
    public let loop: ReconcileLoop

    public init(loop: ReconcileLoop) {
        self.loop = loop
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await loop.run()
        } onGracefulShutdown: {
            Task { await loop.stop() }
        }
    }
}

/// Runs the loop and the HTTP server until SIGINT or SIGTERM.
public enum Daemon {
    /// Binds `host:port`, calls `ready` with the bound port, and serves until a signal.
    public static func run(loop: ReconcileLoop, hooks: PushReceiver = PushReceiver(), keys: APIKeys = APIKeys(),
                           protectMetrics: Bool = false, publicURL: String? = nil, host: String, port: Int, logger: Logger,
                           ready: @escaping @Sendable (Int) -> Void) async throws {
        let application = Application(
            router: DaemonServer.answeringOtherMethods(DaemonServer.router(for: loop, hooks: hooks, keys: keys,
                                                                           protectMetrics: protectMetrics, publicURL: publicURL)),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "botops"),
            onServerRunning: { channel in ready(channel.localAddress?.port ?? port) },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                // Shut down in reverse: the loop first (its pass in flight finishes while the endpoints still answer,
                // and the page's live streams end with it), then the server.
                services: [.init(service: application), .init(service: ReconcileService(loop: loop))],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

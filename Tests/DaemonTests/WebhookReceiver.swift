import Foundation
import Hummingbird
import NIOCore
import Synchronization

/// A loopback HTTP server standing in for a notification webhook's receiver: records each POST's
/// headers and body and answers with `status`.
final class WebhookReceiver: Sendable {
    struct Received: Sendable {
        let headers: [String: String]
        let body: Data
    }

    let url: String
    private let storage: Storage
    private let task: Task<Void, any Error>

    private init(url: String, storage: Storage, task: Task<Void, any Error>) {
        self.url = url
        self.storage = storage
        self.task = task
    }

    var requests: [Received] { storage.store.withLock { $0 } }

    static func start(status: HTTPResponse.Status = .noContent) async throws -> WebhookReceiver {
        let storage = Storage()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName.lowercased()] = field.value }
            let body = try await request.body.collect(upTo: 1 << 20)
            storage.append(Received(headers: headers, body: Data(body.readableBytesView)))
            return Response(status: status)
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                                      onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) })
        let task = Task { try await application.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return WebhookReceiver(url: "http://127.0.0.1:\(port)/hook", storage: storage, task: task)
    }

    func stop() {
        task.cancel()
    }

    /// Holds the shared log for the route's closure.
    private final class Storage: Sendable {
        let store = Mutex<[Received]>([])
        func append(_ received: Received) { store.withLock { $0.append(received) } }
    }
}

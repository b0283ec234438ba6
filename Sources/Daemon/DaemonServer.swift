import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Reconciler
import Spec

/// The daemon's HTTP endpoints: health for orchestrators, status and history, a manual reconcile,
/// container restarts, and push receivers for git forges.
public enum DaemonServer {
    /// The router serving `loop`. With `protectMetrics`, health and metrics need a `read` key too.
    /// `publicURL`: where people open the fleet page, behind a reverse proxy (its cookie is `Secure` when https).
    public static func router(for loop: ReconcileLoop, hooks: PushReceiver = PushReceiver(),
                              keys: APIKeys = APIKeys(), protectMetrics: Bool = false, publicURL: String? = nil) -> Router<BasicRequestContext> {
        let router = Router()
        addHooks(to: router, loop: loop, hooks: hooks)
        addHealth(to: router, loop: loop, keys: keys, protectMetrics: protectMetrics)
        addAPI(to: router, loop: loop, keys: keys)
        addPage(to: router, loop: loop, sessions: PageSessions(keys: keys, publicURL: publicURL))
        return router
    }

    /// The push receivers of the git forges and the generic one.
    private static func addHooks(to router: Router<BasicRequestContext>, loop: ReconcileLoop, hooks: PushReceiver) {
        router.post("/hooks/github") { request, _ in
            await receive(request, loop: loop) { body in
                hooks.github(event: header(request, "X-GitHub-Event"), signature: header(request, "X-Hub-Signature-256"), body: body)
            }
        }
        router.post("/hooks/gitlab") { request, _ in
            await receive(request, loop: loop) { body in
                hooks.gitlab(event: header(request, "X-Gitlab-Event"), token: header(request, "X-Gitlab-Token"), body: body)
            }
        }
        router.post("/hooks/gitea") { request, _ in
            await receive(request, loop: loop) { body in
                hooks.gitea(event: header(request, "X-Gitea-Event"), signature: header(request, "X-Gitea-Signature"), body: body)
            }
        }
        router.post("/hooks/generic") { request, _ in
            await receive(request, loop: loop) { body in
                hooks.generic(signature: header(request, "X-Botops-Signature"), body: body)
            }
        }
    }

    /// What orchestrators and scrapers ask: health, readiness, metrics and the API's own description.
    private static func addHealth(to router: Router<BasicRequestContext>, loop: ReconcileLoop, keys: APIKeys, protectMetrics: Bool) {
        router.get("/healthz") { request, _ in
            if protectMetrics, let refused = refusal(keys, request, needs: .read) { return refused }
            return text("ok\n")
        }
        router.get("/readyz") { request, _ in
            if protectMetrics, let refused = refusal(keys, request, needs: .read) { return refused }
            return await loop.ready ? text("ready\n") : text("no pass has finished yet\n", status: .serviceUnavailable)
        }
        router.get("/metrics") { request, _ in
            if protectMetrics, let refused = refusal(keys, request, needs: .read) { return refused }
            return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: loop.metrics.text())))
        }
        router.get("/api/v1/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
        }
    }

    /// Status and history for a read key; a manual pass and restarts for an operate key.
    private static func addAPI(to router: Router<BasicRequestContext>, loop: ReconcileLoop, keys: APIKeys) {
        let statusMembers = StatusMembersCache()
        router.get("/api/v1/status") { request, _ in
            if let refused = refusal(keys, request, needs: .read) { return refused }
            let fleet = await loop.fleet
            let status = DaemonStatus(passes: await loop.passes, requests: await loop.requests, idle: await loop.idle,
                                      role: await loop.role, leader: await loop.leader, replicas: await loop.replicaRoll(),
                                      appliedRevision: fleet.appliedRevision, targetRevision: fleet.targetRevision,
                                      lastPass: await loop.last)
            let encoder = jsonEncoder()
            let body = StatusMembersCache.joined(try encoder.encode(status), try statusMembers.members(of: fleet, encoder: encoder))
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(data: body)))
        }
        router.get("/api/v1/history") { request, _ in
            if let refused = refusal(keys, request, needs: .read) { return refused }
            // As the document says: a limit outside 1-200 is refused, never quietly cut.
            var limit = 20
            if let written = request.uri.queryParameters["limit"].map(String.init) {
                guard let asked = Int(written), (1...200).contains(asked) else {
                    return text("'limit' must be a whole number from 1 to 200, not '\(written)'\n", status: .badRequest)
                }
                limit = asked
            }
            do {
                // As `botops history --format json` writes them: dates keep their milliseconds, so runs that
                // followed each other within a second still read in their order.
                let records = try HistoryRenderer().json(try await loop.history(limit: limit))
                return Response(status: .ok, headers: [.contentType: "application/json"],
                                body: ResponseBody(byteBuffer: ByteBuffer(string: records)))
            } catch let error as SessionError {
                return text("\(error.message)\n", status: .serviceUnavailable)
            } catch {
                return text("the history could not be read: \(error)\n", status: .serviceUnavailable)
            }
        }
        router.get("/api/v1/events") { request, _ in
            if let refused = refusal(keys, request, needs: .read) { return refused }
            let query: EventQuery
            switch EventQuery.parse(request.uri.queryParameters) {
            case let .success(parsed): query = parsed
            case let .failure(problem): return text("\(problem.message)\n", status: .badRequest)
            }
            do {
                return try json(EventList(events: try await loop.eventLog().events(query)))
            } catch let error as SessionError {
                return text("\(error.message)\n", status: .serviceUnavailable)
            } catch {
                return text("the event log could not be read: \(error)\n", status: .serviceUnavailable)
            }
        }
        router.post("/api/v1/containers/:name/restart") { request, context in
            if let refused = refusal(keys, request, needs: .operate) { return refused }
            let name = context.parameters.get("name") ?? ""
            do {
                let result = try await loop.restart(ResourceAddress(.container, name))
                return try json(["restarted": "\(result.address)", "engine": result.placement,
                                 "container": String(result.objectID.prefix(12))])
            } catch let error as SessionError {
                let status: HTTPResponse.Status = error.code == .notOwned ? .notFound
                    : error.code == .lockBusy ? .conflict : .badGateway
                return text("\(error.message)\n", status: status)
            }
        }
        router.post("/api/v1/reconcile") { request, _ in
            if let refused = refusal(keys, request, needs: .operate) { return refused }
            await loop.request(.manual, scope: .full)
            return text("a full pass is due\n", status: .accepted)
        }
    }

    /// Nil when the request's bearer key has `role`; the 401 or 403 answer otherwise.
    static func refusal(_ keys: APIKeys, _ request: Request, needs role: APIKeys.Role) -> Response? {
        if keys.isEmpty {
            return text("the API needs a key: start the daemon with --api-key read=env:NAME (or operate=...)\n",
                        status: .unauthorized, challenge: true)
        }
        switch keys.authorize(request.headers[.authorization], needs: role) {
        case .allowed: return nil
        case .unauthenticated: return text("a valid 'Authorization: Bearer <key>' is needed\n", status: .unauthorized, challenge: true)
        case .forbidden: return text("this key's role cannot \(role == .operate ? "operate" : "read"); use an operate key\n",
                                     status: .forbidden)
        }
    }

    /// Reads a delivery's body (at most 1 MiB), decides on it and answers.
    static func receive(_ request: Request, loop: ReconcileLoop,
                        decide: (ByteBuffer) -> PushReceiver.Verdict) async -> Response {
        let body: ByteBuffer
        do {
            body = try await request.body.collect(upTo: PushReceiver.maxBody)
        } catch is NIOTooManyBytesError {
            return text("the body is larger than 1 MiB\n", status: .contentTooLarge)
        } catch {
            return text("the body could not be read\n", status: .badRequest)
        }
        return await answer(decide(body), loop: loop)
    }

    static func header(_ request: Request, _ name: String) -> String? {
        HTTPField.Name(name).flatMap { request.headers[$0] }
    }

    /// The answer to a push delivery; a valid push marks a pass due.
    static func answer(_ verdict: PushReceiver.Verdict, loop: ReconcileLoop) async -> Response {
        switch verdict {
        case .notFound: return text("no such receiver: its secret is not configured\n", status: .notFound)
        case .unauthorized: return text("the signature is missing or wrong\n", status: .unauthorized)
        case .ping: return text("pong\n")
        case let .ignored(reason): return text("ignored: \(reason)\n", status: .accepted)
        case .push:
            await loop.request(.push, scope: .targeted)
            // The standby's pass takes over if the leader is gone; otherwise the pusher should know.
            if await loop.role == .standby {
                let leader = await loop.leader.map { " (\($0.host) pid \($0.pid) leads)" } ?? ""
                return text("this replica stands by\(leader): send pushes to the leader\n", status: .accepted)
            }
            return text("a pass is due\n", status: .accepted)
        }
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok, challenge: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        if challenge { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    static func json(_ value: some Encodable) throws -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(data: try jsonEncoder().encode(value))))
    }

    /// How the API writes JSON: readable, keys sorted, ISO 8601 dates.
    static func jsonEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

/// `GET /api/v1/events`: newest first.
struct EventList: Encodable {
    let events: [FleetEvent]
}

/// `GET /api/v1/status`, but for its `resources` (by address) and `webhooks` (by name), which
/// ``StatusMembersCache`` writes after these.
struct DaemonStatus: Encodable {
    let passes: Int
    /// Pass requests received since start (see ``ReconcileLoop/requests``).
    let requests: Int
    /// No pass running and none due.
    let idle: Bool
    /// Nil until the first pass has looked at the store.
    let role: ReconcileLoop.Role?
    let leader: RunInfo?
    /// The store's roll of replicas; nil for a single daemon or when the store cannot say now.
    let replicas: [ReplicaRecord]?
    let appliedRevision: String?
    let targetRevision: String?
    let lastPass: ReconcileLoop.PassReport?
}

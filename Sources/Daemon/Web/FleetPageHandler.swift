import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Reconciler
import ServiceLifecycle
import Spec

/// Answers the fleet page's requests: who is signed in decides what is shown and what may be done.
struct FleetPageHandler: Sendable {
    let loop: ReconcileLoop
    let sessions: PageSessions
    let renderer: PageRenderer

    /// Short confirmations a redirect names by code (never text from the request).
    static let notices = ["reconcile": "A full pass is due: the page updates when it has finished.",
                          "restarted": "Restarted: the history records it, as for `botops restart`."]

    /// No other origin: the style and the script are this daemon's, and forms post only here.
    static let securityHeaders: HTTPFields = [
        HTTPField.Name("Content-Security-Policy")!: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        HTTPField.Name("X-Content-Type-Options")!: "nosniff",
        HTTPField.Name("Referrer-Policy")!: "same-origin",
        .cacheControl: "no-store",
    ]

    func session(_ request: Request) -> PageSessions.Session? {
        sessions.session(cookieHeader: request.headers[.cookie])
    }

    func html(_ body: String, status: HTTPResponse.Status = .ok, extra: HTTPFields = [:]) -> Response {
        var headers = Self.securityHeaders
        headers[.contentType] = "text/html; charset=utf-8"
        for field in extra { headers.append(field) }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }

    func redirect(_ location: String, cookie: String? = nil) -> Response {
        var headers = Self.securityHeaders
        headers[.location] = location
        if let cookie { headers[.setCookie] = cookie }
        return Response(status: .seeOther, headers: headers)
    }

    private func chrome(_ title: String, _ session: PageSessions.Session?, _ section: PageRenderer.Chrome.Section,
                        snapshot: FleetSnapshot? = nil) -> PageRenderer.Chrome {
        PageRenderer.Chrome(title: title, project: snapshot?.declared?.project.metadata.name, session: session,
                            token: session.map(sessions.formToken(for:)), section: section,
                            updated: FleetView.time(snapshot?.passes.last?.finishedAt ?? Date()))
    }

    // MARK: - Signing in and out

    func signInForm(_ request: Request, error: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var context: [String: Any] = [:]
        if let error { context["error"] = error }
        return html(renderer.page("signin", context, chrome: chrome("Sign in", nil, .none)), status: status)
    }

    func signIn(_ request: Request) async -> Response {
        guard sameOrigin(request) else { return forbidden("The form came from another site.") }
        let form = await Self.form(request)
        guard let key = form["key"], !key.isEmpty, let session = sessions.signIn(key: key) else {
            return signInForm(request, error: "That is not one of this daemon's API keys.", status: .unauthorized)
        }
        return redirect("/", cookie: sessions.setCookie(session))
    }

    func signOut(_ request: Request) async -> Response {
        guard let session = session(request) else { return redirect("/sign-in", cookie: sessions.clearCookie) }
        guard sameOrigin(request), sessions.checks(formToken: await Self.form(request)["token"], for: session) else {
            return forbidden("The sign-out form's token is missing or wrong: reload the page and sign out again.")
        }
        return redirect("/sign-in", cookie: sessions.clearCookie)
    }

    // MARK: - Pages

    func overview(_ request: Request) async -> Response {
        guard let session = session(request) else { return signInForm(request) }
        let snapshot = await FleetSnapshot.read(loop)
        let view = FleetView(snapshot: snapshot, canOperate: session.role == .operate)
        let context = view.overview(notice: notice(request)).merging(await events(EventQuery(limit: 50), heading: "Events")) { $1 }
        return html(renderer.page("overview", context, chrome: chrome("Overview", session, .overview, snapshot: snapshot)))
    }

    func resources(_ request: Request) async -> Response {
        guard let session = session(request) else { return redirect("/sign-in") }
        let snapshot = await FleetSnapshot.read(loop)
        let view = FleetView(snapshot: snapshot, canOperate: session.role == .operate)
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { query[Substring(name)].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        // A page number that is not one shows the first page, as a missing one does.
        let context = view.resources(kind: value("kind"), bot: value("bot"), state: value("sync"), page: value("page").flatMap { Int($0) } ?? 1)
        return html(renderer.page("resources", context, chrome: chrome("Resources", session, .resources, snapshot: snapshot)))
    }

    func resource(_ request: Request, kind: String, name: String) async -> Response {
        guard let session = session(request) else { return redirect("/sign-in") }
        let snapshot = await FleetSnapshot.read(loop)
        let view = FleetView(snapshot: snapshot, canOperate: session.role == .operate)
        let address = snapshot.rows.map(\.address).first { $0.kind.rawValue == kind && $0.name == name }
        var history: [RunRecord] = []
        if address != nil {
            do {
                history = try await loop.history(limit: 50)
            } catch {
                // The state cannot be read now: the page shows the rest, and the history when it can.
            }
        }
        guard let address, var context = view.resource(address, history: history, notice: notice(request)) else {
            return message("Not found", "No resource \(kind)/\(name) is declared or known to the passes.", session: session, status: .notFound)
        }
        context.merge(await events(EventQuery(resource: address, limit: 50), heading: "Its events")) { $1 }
        return html(renderer.page("resource", context, chrome: chrome(address.description, session, .resources, snapshot: snapshot)))
    }

    func bots(_ request: Request) async -> Response {
        guard let session = session(request) else { return redirect("/sign-in") }
        let snapshot = await FleetSnapshot.read(loop)
        let context = FleetView(snapshot: snapshot, canOperate: session.role == .operate).bots()
        return html(renderer.page("bots", context, chrome: chrome("Bots", session, .bots, snapshot: snapshot)))
    }

    func bot(_ request: Request, name: String) async -> Response {
        guard let session = session(request) else { return redirect("/sign-in") }
        let snapshot = await FleetSnapshot.read(loop)
        // The restarts a container's row counts are those its log holds (the Project's retention), not just the newest shown.
        let (logged, error) = await readEvents(EventQuery(bot: name, limit: EventQuery.maximumLimit))
        let restarts = logged.reduce(into: [ResourceAddress: Int]()) { counts, event in
            if event.kind == .containerRestarted { counts[event.resource, default: 0] += 1 }
        }
        guard var context = FleetView(snapshot: snapshot, canOperate: session.role == .operate).bot(name, restarts: restarts) else {
            return message("Not found", "No bot named \(name) is declared.", session: session, status: .notFound)
        }
        context.merge(FleetView.events(Array(logged.prefix(50)), heading: "Its events", error: error)) { $1 }
        return html(renderer.page("bot", context, chrome: chrome("Bot/\(name)", session, .bots, snapshot: snapshot)))
    }

    // MARK: - Operating

    func reconcile(_ request: Request) async -> Response {
        if let refused = await refusal(request) { return refused }
        await loop.request(.manual, scope: .full)
        return redirect("/?notice=reconcile")
    }

    func restart(_ request: Request, name: String) async -> Response {
        if let refused = await refusal(request) { return refused }
        let address = ResourceAddress(.container, name)
        do {
            _ = try await loop.restart(address)
            return redirect(FleetView.href(address) + "?notice=restarted")
        } catch let error as SessionError {
            let status: HTTPResponse.Status = error.code == .notOwned ? .notFound : error.code == .lockBusy ? .conflict : .badGateway
            return message("Not restarted", error.message, session: session(request), status: status)
        } catch {
            return message("Not restarted", "\(error)", session: session(request), status: .badGateway)
        }
    }

    /// Nil when the request comes from this site, with an operate session and its form's token.
    private func refusal(_ request: Request) async -> Response? {
        guard let session = session(request) else { return forbidden("Sign in first.") }
        guard sameOrigin(request), sessions.checks(formToken: await Self.form(request)["token"], for: session) else {
            return forbidden("The form's anti-forgery token is missing or wrong: reload the page and try again.")
        }
        guard session.role == .operate else { return forbidden("A read key sees the fleet; signing in with an operate key lets you act.") }
        return nil
    }

    // MARK: - Live

    /// Server-sent events: `change` whenever a pass has finished and its events are recorded, so the page fetches
    /// itself again. A stream
    /// lasts ten minutes at most; the browser opens another.
    func live(_ request: Request) async -> Response {
        guard session(request) != nil else { return DaemonServer.text("sign in first\n", status: .unauthorized) }
        let loop = self.loop
        var headers = Self.securityHeaders
        headers[.contentType] = "text/event-stream"
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            var seen = await loop.updates
            try await writer.write(ByteBuffer(string: "retry: 3000\n: connected\n\n"))
            let end = ContinuousClock.now + .seconds(600)
            while ContinuousClock.now < end, !Task.isCancelled, !Task.isShuttingDownGracefully, !(await loop.isStopping) {
                try await Task.sleep(for: .milliseconds(500))
                let updates = await loop.updates
                if updates != seen {
                    seen = updates
                    try await writer.write(ByteBuffer(string: "event: change\ndata: \(updates)\n\n"))
                }
            }
            try await writer.finish(nil)
        })
    }

    // MARK: - Helpers

    /// The event log's part of a page. A log that cannot be read is said so on the page, which shows the rest.
    private func events(_ query: EventQuery, heading: String) async -> [String: Any] {
        let (events, error) = await readEvents(query)
        return FleetView.events(events, heading: heading, error: error)
    }

    /// The events `query` asks for, or none and what to say instead when the log cannot be read.
    private func readEvents(_ query: EventQuery) async -> ([FleetEvent], String?) {
        do {
            return (try await loop.eventLog().events(query), nil)
        } catch let error as SessionError {
            return ([], "The event log cannot be read now: \(error.message)")
        } catch {
            return ([], "The event log cannot be read now: \(error)")
        }
    }

    private func notice(_ request: Request) -> String? {
        request.uri.queryParameters["notice"].flatMap { Self.notices[String($0)] }
    }

    private func message(_ heading: String, _ text: String, session: PageSessions.Session?, status: HTTPResponse.Status) -> Response {
        html(renderer.page("message", ["heading": heading, "message": text], chrome: chrome(heading, session, .none)), status: status)
    }

    private func forbidden(_ text: String) -> Response {
        html(renderer.page("message", ["heading": "Refused", "message": text], chrome: chrome("Refused", nil, .none)), status: .forbidden)
    }

    /// A browser names where a form came from (`Origin`); one from another host is refused. Requests without
    /// it (not from a browser) still need the session and the token.
    private func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[HTTPField.Name("Origin")!] else { return true }
        guard let components = URLComponents(string: origin), let host = components.host else { return false }
        let authority = components.port.map { "\(host):\($0)" } ?? host
        return authority == request.head.authority || authority == sessions.publicAuthority
    }

    /// A form's fields (at most 64 KiB of them).
    static func form(_ request: Request) async -> [String: String] {
        do {
            let body = try await request.body.collect(upTo: 64 << 10)
            return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
        } catch {
            return [:]
        }
    }
}

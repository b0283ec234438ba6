import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Reconciler
import Spec

/// The fleet page at `/`: sign-in with an API key, the overview, resources, bots, and for an operate key a
/// pass on request and container restarts. Nothing of the fleet is shown without a session; every form that
/// changes something carries the session's anti-forgery token; nothing is fetched from another origin (the
/// style and the script are served from here, and the Content-Security-Policy says so).
extension DaemonServer {
    static func addPage(to router: Router<BasicRequestContext>, loop: ReconcileLoop, sessions: PageSessions) {
        let renderer: PageRenderer
        do {
            renderer = try PageRenderer()
        } catch {
            // The templates are part of the binary: one that does not parse is a build defect, found by every test.
            preconditionFailure("the fleet page's templates do not parse: \(error)")
        }
        let page = FleetPageHandler(loop: loop, sessions: sessions, renderer: renderer)
        router.get("/assets/page.css") { _, _ in asset(PageAssets.pageCSS, type: "text/css; charset=utf-8") }
        router.get("/assets/page.js") { _, _ in asset(PageAssets.pageJS, type: "text/javascript; charset=utf-8") }
        router.get("/") { request, _ in await page.overview(request) }
        router.get("/sign-in") { request, _ in page.signInForm(request) }
        router.post("/sign-in") { request, _ in await page.signIn(request) }
        router.post("/sign-out") { request, _ in await page.signOut(request) }
        router.get("/resources") { request, _ in await page.resources(request) }
        router.get("/resources/:kind/:name") { request, context in
            await page.resource(request, kind: context.parameters.get("kind") ?? "", name: context.parameters.get("name") ?? "")
        }
        router.get("/bots") { request, _ in await page.bots(request) }
        router.get("/bots/:name") { request, context in await page.bot(request, name: context.parameters.get("name") ?? "") }
        router.post("/reconcile") { request, _ in await page.reconcile(request) }
        router.post("/containers/:name/restart") { request, context in
            await page.restart(request, name: context.parameters.get("name") ?? "")
        }
        router.get("/live") { request, _ in await page.live(request) }
    }

    static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache", HTTPField.Name("X-Content-Type-Options")!: "nosniff"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}

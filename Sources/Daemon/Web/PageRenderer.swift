import Foundation
import Mustache

/// Renders the fleet page's templates (``PageAssets``): a page's content, then the layout around it. Every
/// `{{value}}` is HTML-escaped by Mustache; only the rendered content goes in unescaped (`{{{content}}}`).
struct PageRenderer: Sendable {
    /// What every page's frame shows: who is signed in, the anti-forgery token, the section.
    struct Chrome {
        var title: String
        var project: String?
        var session: PageSessions.Session?
        var token: String?
        var section: Section = .none
        var updated: String = ""

        enum Section { case overview, resources, bots, none }
    }

    private let library: MustacheLibrary

    init() throws {
        var library = MustacheLibrary()
        for (name, text) in [("layout", PageAssets.layout), ("signin", PageAssets.signin), ("overview", PageAssets.overview),
                             ("commit", PageAssets.commit), ("resources", PageAssets.resources), ("resource", PageAssets.resource),
                             ("bots", PageAssets.bots), ("bot", PageAssets.bot), ("message", PageAssets.message),
                             ("events", PageAssets.events)] {
            try library.register(text, named: name)
        }
        self.library = library
    }

    /// The whole page: `template` rendered with `context`, in the layout.
    func page(_ template: String, _ context: [String: Any], chrome: Chrome) -> String {
        var context = context
        context["token"] = chrome.token ?? ""
        let content = library.render(context, withTemplate: template) ?? ""
        var frame: [String: Any] = ["title": chrome.title, "content": content, "updated": chrome.updated,
                                    "onOverview": chrome.section == .overview, "onResources": chrome.section == .resources,
                                    "onBots": chrome.section == .bots]
        if let project = chrome.project { frame["project"] = project }
        if let session = chrome.session {
            frame["session"] = ["role": session.role.rawValue, "token": chrome.token ?? "", "updated": chrome.updated,
                                "onOverview": chrome.section == .overview, "onResources": chrome.section == .resources,
                                "onBots": chrome.section == .bots] as [String: Any]
        }
        return library.render(frame, withTemplate: "layout") ?? ""
    }
}

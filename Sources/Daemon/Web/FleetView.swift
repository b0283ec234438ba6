import Foundation
import Reconciler
import Spec

/// The fleet page's contents, as Mustache contexts built from one ``FleetSnapshot``. Values are plain text:
/// the templates escape them.
struct FleetView {
    let snapshot: FleetSnapshot
    let canOperate: Bool

    /// The most rows one page of a list shows; the rest are on the next pages.
    static let rowLimit = 500

    static func time(_ date: Date?) -> String {
        guard let date else { return "" }
        return date.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: false)
            .timeSeparator(.colon)) + " UTC"
    }

    static func href(_ address: ResourceAddress) -> String {
        "/resources/\(address.kind.rawValue)/\(address.name)"
    }

    private func commit(_ revision: String?) -> [String: Any]? {
        guard let revision else { return nil }
        let summary = snapshot.commits[revision]
        var commit: [String: Any] = ["id": revision, "short": String(revision.prefix(12)), "subject": summary?.subject ?? ""]
        if let author = summary?.author { commit["author"] = author }
        if let date = summary?.date { commit["date"] = Self.time(date) }
        return commit
    }

    func overview(notice: String?) -> [String: Any] {
        var counts: [String: Int] = [:]
        let rows = snapshot.rows
        for row in rows { counts[row.state, default: 0] += 1 }
        let order = ["failed", "unknown", "degraded", "out-of-sync", "skipped", "not-started", "synced"]
        let trouble = rows.filter { $0.state != SyncState.synced.rawValue }.prefix(50).map { row -> [String: Any] in
            ["address": row.address.description, "href": Self.href(row.address), "state": row.state, "message": row.status ?? ""]
        }
        var context: [String: Any] = [
            "replicaRole": snapshot.role?.rawValue ?? "starting",
            "canOperate": canOperate,
            "counts": order.compactMap { state in counts[state].map { ["state": state, "count": $0] as [String: Any] } },
            "trouble": Array(trouble), "hasTrouble": !trouble.isEmpty,
            "passes": snapshot.passes.reversed().map { pass -> [String: Any] in
                ["finished": Self.time(pass.finishedAt), "trigger": pass.trigger, "scope": pass.scope, "result": pass.result.rawValue,
                 "resultClass": pass.result.rawValue, "changes": pass.changes,
                 "took": String(format: "%.1f s", pass.finishedAt.timeIntervalSince(pass.startedAt))]
            },
        ]
        if let applied = commit(snapshot.fleet.appliedRevision) { context["applied"] = applied }
        if let target = commit(snapshot.fleet.targetRevision) { context["target"] = target }
        if let leader = snapshot.leader { context["leader"] = "\(leader.host) pid \(leader.pid), since \(Self.time(leader.startedAt))" }
        if let replicas = snapshot.replicas {
            context["replicas"] = replicas.map { record -> [String: Any] in
                ["who": "\(record.replica.host) pid \(record.replica.pid)", "role": record.role.rawValue,
                 "self": record.replica.id == snapshot.replica?.id, "seen": Self.time(record.seenAt),
                 "since": Self.time(record.replica.startedAt)]
            }
            context["hasReplicas"] = !replicas.isEmpty
        }
        if let notice { context["notice"] = notice }
        return context
    }

    /// The resource list, filtered by kind, bot and state (the sync states, and `degraded`), ``rowLimit`` rows a
    /// page; `page` counts from 1, and one past the last shows the last.
    func resources(kind: String?, bot: String?, state: String?, page: Int = 1) -> [String: Any] {
        let all = snapshot.rows
        let matching = all.filter { row in
            (kind.map { row.address.kind.rawValue == $0 } ?? true) && (bot.map { row.bot == $0 } ?? true)
                && (state.map { row.state == $0 } ?? true)
        }
        let pages = max(1, (matching.count + Self.rowLimit - 1) / Self.rowLimit)
        let page = min(max(1, page), pages)
        let shown = Array(matching.dropFirst((page - 1) * Self.rowLimit).prefix(Self.rowLimit))
        var groups: [[String: Any]] = []
        for (kind, rows) in Dictionary(grouping: shown, by: \.address.kind).sorted(by: { $0.key < $1.key }) {
            groups.append(["kind": kind.rawValue, "rows": rows.map { row -> [String: Any] in
                var item: [String: Any] = ["name": row.address.name, "href": Self.href(row.address), "state": row.state,
                                           "status": row.status ?? ""]
                if let bot = row.bot { item["bot"] = bot }
                return item
            }])
        }
        func options(_ values: [String], selected: String?, all label: String) -> [[String: Any]] {
            [["value": "", "label": label, "selected": selected == nil]]
                + values.map { ["value": $0, "label": $0, "selected": $0 == selected] }
        }
        let kinds = Set(all.map(\.address.kind)).sorted().map(\.rawValue)
        let bots = Set(all.compactMap(\.bot)).sorted()
        let states = SyncState.allCases.map(\.rawValue) + [LiveStatus.Health.degraded.rawValue]
        // The filters stay on the links to the other pages.
        func link(_ target: Int) -> String {
            var items = URLComponents()
            items.queryItems = [("kind", kind), ("bot", bot), ("sync", state)].compactMap { name, value in
                value.map { URLQueryItem(name: name, value: $0) }
            } + [URLQueryItem(name: "page", value: "\(target)")]
            return "/resources" + (items.percentEncodedQuery.map { "?" + $0.replacingOccurrences(of: "+", with: "%2B") } ?? "")
        }
        var context: [String: Any] = ["groups": groups, "matching": matching.count, "total": all.count, "paged": pages > 1,
                                      "page": page, "pages": pages, "first": (page - 1) * Self.rowLimit + (shown.isEmpty ? 0 : 1),
                                      "last": (page - 1) * Self.rowLimit + shown.count]
        if page > 1 { context["previous"] = link(page - 1) }
        if page < pages { context["next"] = link(page + 1) }
        return context.merging([
                "kinds": options(kinds, selected: kind, all: "All kinds"), "bots": options(bots, selected: bot, all: "All bots"),
                "states": options(states, selected: state, all: "All states")]) { $1 }
    }

    /// One resource: its state, its last error and where it is declared, the change pending, its history.
    func resource(_ address: ResourceAddress, history: [RunRecord], notice: String?) -> [String: Any]? {
        let declared = snapshot.declared?.resource(at: address)
        guard declared != nil || snapshot.fleet.resources[address] != nil else { return nil }
        let row = snapshot.row(address)
        var context: [String: Any] = [
            "address": address.description, "kind": address.kind.rawValue, "name": address.name, "state": row.state,
            "checked": row.resource.map { Self.time($0.checkedAt) } ?? "not yet",
            "canRestart": canOperate && address.kind == .container,
            "history": history.compactMap { record -> [String: Any]? in
                guard let entry = record.changes.first(where: { $0.address == address }) else { return nil }
                var item: [String: Any] = ["finished": Self.time(record.finishedAt), "trigger": record.run.trigger.rawValue,
                                           "outcome": entry.outcome.rawValue, "outcomeClass": entry.outcome == .applied ? "applied" : "failed",
                                           "action": entry.action.rawValue]
                if let message = entry.message { item["message"] = message }
                return item
            },
        ]
        if let bot = row.bot { context["bot"] = bot }
        if let resource = row.resource {
            if let status = resource.status { context["status"] = status }
            if let message = resource.message { context["message"] = message }
            if let health = resource.health { context["health"] = health.rawValue }
            if let pending = resource.pending {
                context["pending"] = ["action": pending.action.rawValue, "lines": pending.lines] as [String: Any]
            }
        }
        if let location = row.resource?.location ?? declared?.metadata.location { context["location"] = location.description }
        if let notice { context["notice"] = notice }
        return context
    }

    /// The event log's rows, newest first, for the `events` partial; `error` when the log could not be read.
    static func events(_ events: [FleetEvent], heading: String, error: String?) -> [String: Any] {
        var context: [String: Any] = ["eventsHeading": heading, "events": events.map { event -> [String: Any] in
            var item: [String: Any] = ["at": time(event.at), "kind": event.kind.rawValue, "tone": event.kind.isTrouble ? "failed" : "synced",
                                       "resource": event.resource.description, "href": href(event.resource), "text": event.text]
            if let bot = event.bot { item["bot"] = bot }
            return item
        }]
        if let error { context["eventsError"] = error }
        return context
    }

    func bots() -> [String: Any] {
        let declared = snapshot.declared?.bots ?? []
        let webhooks = Dictionary((snapshot.declared?.webhooks ?? []).map { ($0.bot, $0) }, uniquingKeysWith: { first, _ in first })
        return ["bots": declared.map { bot -> [String: Any] in
            let row = snapshot.row(bot.address)
            var item: [String: Any] = ["name": bot.metadata.name, "state": row.state, "displayName": bot.profile.texts.name]
            if let webhook = webhooks[bot.metadata.name] { item["webhook"] = snapshot.fleet.webhooks[webhook.metadata.name]?.lastError ?? "delivering" }
            return item
        }]
    }

    /// One bot's page; `restarts` counts each container's restarts in the event log.
    func bot(_ name: String, restarts: [ResourceAddress: Int] = [:]) -> [String: Any]? {
        guard let bot = snapshot.declared?.resource(Bot.self, named: name) else { return nil }
        let row = snapshot.row(bot.address)
        var context: [String: Any] = [
            "name": name, "state": row.state, "profileName": bot.profile.texts.name, "description": bot.profile.texts.description,
            "shortDescription": bot.profile.texts.shortDescription,
            "settings": bot.settings.values.sorted { $0.key < $1.key }.map { ["name": $0.key.rawValue, "value": $0.value.description] },
        ]
        if !bot.profile.languages.isEmpty { context["languages"] = bot.profile.languages.keys.sorted().joined(separator: ", ") }
        if let photo = bot.profile.photo {
            switch photo {
            case .none: context["photo"] = "none"
            case let .image(asset), let .animation(asset, _): context["photo"] = asset.path
            }
        }
        if let webhook = snapshot.declared?.webhooks.first(where: { $0.bot == name }) {
            let health = snapshot.fleet.webhooks[webhook.metadata.name]
            var item: [String: Any] = ["url": webhook.url, "resource": webhook.metadata.name,
                                       "state": snapshot.row(ResourceAddress(.webhook, webhook.metadata.name)).state,
                                       "pending": health?.pendingUpdates ?? 0,
                                       "maxConnections": webhook.maxConnections ?? TelegramRules.defaultMaxConnections]
            if let error = health?.lastError { item["lastError"] = error }
            if let at = health?.lastErrorAt { item["lastErrorAt"] = Self.time(at) }
            context["webhook"] = item
        }
        let related = snapshot.rows.filter { $0.bot == name && $0.address.kind != .bot && $0.address.kind != .webhook }
        context["related"] = related.map { row -> [String: Any] in
            var item: [String: Any] = ["address": row.address.description, "href": Self.href(row.address), "state": row.state,
                                       "status": row.status ?? ""]
            // Only a container restarts; the others' cell stays empty.
            item["restarts"] = row.address.kind == .container ? "\(restarts[row.address] ?? 0)" : ""
            return item
        }
        context["hasRelated"] = !related.isEmpty
        return context
    }
}

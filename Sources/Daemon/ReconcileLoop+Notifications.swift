import Foundation
import Reconciler
import Spec

extension ReconcileLoop {
    /// How old a webhook's delivery error may be and still be news (older ones were seen by someone).
    static let webhookErrorNews: TimeInterval = 3600

    /// The notices of a pass that planned: a failure or refusal, changes applied, drift healed, and
    /// webhooks Telegram newly failed to deliver to.
    func notices(_ ended: SessionResult, result: PassResult, message: String?, healed: [ResourceAddress],
                 degraded: [DegradedWatch.Change], project: String, revision: String?, now: Date = Date()) -> [Notice] {
        let plan = ended.plan
        var notices: [Notice] = []
        func notice(_ event: NotificationEvent, _ summary: String, _ resources: [String]) {
            notices.append(Notice(event: event, project: project, revision: revision,
                                  commitURL: revision.flatMap { commitLink?.url(for: $0) }, summary: summary, resources: resources, at: now))
        }
        let failures = (ended.report?.failures ?? []) + plan.unknown
        if result == .refused {
            notice(.passFailed, "pass refused: " + Self.short(message ?? "a safety rail stopped it"), plan.actionable.map(\.address.description))
        } else if result == .failed || !failures.isEmpty {
            let first = failures.first.map { "\($0.address): \(Self.short($0.message))" } ?? Self.short(message ?? "")
            notice(.passFailed, "pass failed (\(failures.count) resource\(failures.count == 1 ? "" : "s")): \(first)",
                   failures.map(\.address.description))
        }
        if let report = ended.report {
            let applied = plan.actionable.filter { if case .applied = report.outcomes[$0.address] { true } else { false } }
            if !applied.isEmpty {
                let counts = Dictionary(grouping: applied, by: \.action.rawValue).map { "\($0.value.count) \($0.key)" }.sorted()
                notice(.applied, "applied \(applied.count) change\(applied.count == 1 ? "" : "s") (\(counts.joined(separator: ", ")))",
                       applied.map(\.address.description))
            }
        }
        if !healed.isEmpty {
            notice(.driftHealed, "drift healed: \(healed.count) resource\(healed.count == 1 ? "" : "s") changed outside botops set back",
                   healed.map(\.description))
        }
        for (name, health) in fleet.webhooks.sorted(by: { $0.key < $1.key }) {
            guard let at = health.lastErrorAt, seenWebhookErrors[name] != at else { continue }
            seenWebhookErrors[name] = at
            guard now.timeIntervalSince(at) < Self.webhookErrorNews else { continue }
            let error = health.lastError.map { ": \(Self.short($0))" } ?? ""
            notice(.webhookUnhealthy, "Telegram cannot deliver to Webhook/\(name)\(error) (\(health.pendingUpdates) pending)",
                   ["Webhook/\(name)"])
        }
        for change in degraded {
            notice(.degraded, change.recovered ? "\(change.address) is no longer degraded: \(change.text)"
                       : "\(change.address): \(Self.short(change.text))", [change.address.description])
        }
        return notices
    }

    /// The notice of a pass that stopped before it planned (a configuration that does not load, a fetch
    /// or a state store that failed): the channels are those of the last configuration that loaded.
    func unloadableNotice(revision: String?, message: String, now: Date = Date()) -> Notice? {
        guard let state = notificationState else { return nil }
        return Notice(event: .passFailed, project: state.project.metadata.name, revision: revision,
                      commitURL: revision.flatMap { commitLink?.url(for: $0) }, summary: "pass failed: " + Self.short(message),
                      resources: [], at: now)
    }

    /// A leader-changed notice when this daemon took over or stood down since its last pass.
    func leadershipNotice(was before: Role?, project: String, revision: String?) -> Notice? {
        guard let summary = Self.leadershipChange(was: before, now: role, me: replica, leader: leader) else { return nil }
        return Notice(event: .leaderChanged, project: project, revision: revision,
                      commitURL: revision.flatMap { commitLink?.url(for: $0) }, summary: summary, resources: [])
    }

    /// What changed in this daemon's leadership, or nil: nothing did, it is the first look, or the
    /// store knows no leadership.
    static func leadershipChange(was before: Role?, now: Role?, me: RunInfo, leader: RunInfo?) -> String? {
        guard let before, let now, before != now, now != .single, before != .single else { return nil }
        let name = "\(me.host) pid \(me.pid)"
        return now == .leader ? "\(name) took over as leader"
            : "\(name) stood down; " + (leader.map { "\($0.host) pid \($0.pid) leads" } ?? "another replica leads")
    }

    /// Sends each notice through the dispatcher, to the channels of the last configuration that loaded.
    func send(_ notices: [Notice]) async {
        guard let notifier, let state = notificationState, !state.project.notifications.isEmpty else { return }
        for notice in notices {
            await notifier.deliver(notice, state: state, catalog: session.catalog, secrets: session.secrets)
        }
    }

    /// The first line of `text`, at most 300 characters: notices stay short.
    static func short(_ text: String) -> String {
        let line = text.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
        return line.count > 300 ? String(line.prefix(299)) + "…" : line
    }
}

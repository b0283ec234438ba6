import Foundation
import Reconciler
import Spec

/// Works out, pass by pass, what the event log records: what changed since the last pass, never what is
/// merely still true (a container still unhealthy is one event, not one a pass).
///
/// A webhook's delivery error is keyed by the time Telegram gives it, so the same error read again (after a
/// restart, by another replica) is the same event and the log keeps it once; it is recorded when that time
/// changes, so it stays in the log after Telegram clears it.
struct EventWatch: Sendable {
    /// What one pass saw, beside its plan and report.
    struct Pass {
        let plan: Plan
        let report: ApplyReport?
        let fleet: FleetStatus
        let degraded: [DegradedWatch.Change]
        let bots: BotIndex
        let backlogThreshold: Int
        let revision: String?
        var now = Date()
    }

    private var webhookErrors: [String: Date] = [:]
    /// Webhooks whose backlog was over the threshold at the last look.
    private var backlogged: Set<String> = []
    private var unhealthy: Set<ResourceAddress> = []
    /// Drift recorded as found and not yet set back, so it is one event while it lasts.
    private var drifting: Set<ResourceAddress> = []

    /// The events of `pass`, oldest first.
    mutating func events(of pass: Pass) -> [FleetEvent] {
        var events: [FleetEvent] = []
        func add(_ kind: FleetEvent.Kind, _ address: ResourceAddress, _ text: String, id: String? = nil, at: Date? = nil) {
            events.append(FleetEvent(id: id ?? UUID().uuidString.lowercased(), at: at ?? pass.now, kind: kind, resource: address,
                                     bot: pass.bots.bot(of: address), text: text, revision: pass.revision))
        }
        restarts(pass, add)
        appliedAndDrift(pass, add)
        for (name, health) in pass.fleet.webhooks.sorted(by: { $0.key < $1.key }) {
            let address = ResourceAddress(.webhook, name)
            if let at = health.lastErrorAt, webhookErrors[name] != at {
                webhookErrors[name] = at
                add(.webhookError, address, "Telegram could not deliver to the webhook: \(health.lastError ?? "no reason given")"
                        + " (\(health.pendingUpdates) pending)",
                    id: "webhook-error:\(name):\(Int(at.timeIntervalSince1970))", at: at)
            }
            let over = health.pendingUpdates > pass.backlogThreshold
            if over, !backlogged.contains(name) {
                add(.backlog, address, "\(health.pendingUpdates) updates wait for delivery, over the threshold of \(pass.backlogThreshold)")
            }
            if over { backlogged.insert(name) } else { backlogged.remove(name) }
        }
        // A webhook no pass reads any more (removed, or its bot polls now) starts afresh if it comes back.
        backlogged.formIntersection(pass.fleet.webhooks.keys)
        for (address, resource) in pass.fleet.resources.sorted(by: { $0.key < $1.key }) where address.kind == .container {
            if resource.health == .unhealthy, !unhealthy.contains(address) {
                add(.containerUnhealthy, address, "the container's health check reports it unhealthy")
            }
        }
        unhealthy = Set(pass.fleet.resources.filter { $0.value.health == .unhealthy }.keys)
        for change in pass.degraded {
            add(change.recovered ? .rightRegained : .rightLost, change.address,
                change.recovered ? "no longer degraded: \(change.text)" : change.text)
        }
        return events
    }

    /// At most this many restarts of one container are recorded a pass: a crash loop is told, not copied out.
    static let exitsPerPass = 10

    /// Containers that exited and were started again since the last pass, as their engine tells it
    /// (``ActivityWindow``): one event per restart, keyed by the container and the engine's time, so it is kept once.
    /// A container found stopped whose exit the engine told is told here even where the plan cannot call its
    /// state drift (a folder source has no revision to compare): the exit says it stopped on its own.
    private func restarts(_ pass: Pass, _ add: (FleetEvent.Kind, ResourceAddress, String, String?, Date?) -> Void) {
        let drift = Set(pass.plan.drift.map(\.address))
        for change in pass.plan.changes where change.address.kind == .container {
            if !drift.contains(change.address), Self.foundStopped(change), let exit = Self.lastExit(change) {
                foundStopped(change, exit: exit, pass, add)
            }
            let restarts = (change.details?["exits"]?.arrayValue ?? []).filter { $0["started_again"]?.boolValue == true }
            let kept = restarts.suffix(Self.exitsPerPass)
            let earlier = restarts.count - kept.count
            for (index, exit) in kept.enumerated() {
                let more = index == 0 && earlier > 0 ? " (after \(earlier) more restarts since the last pass)" : ""
                add(.containerRestarted, change.address, "the container \(Self.exited(exit)) and was started again\(more)",
                    exit["id"]?.stringValue, exit["at_ms"]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) })
            }
        }
    }

    /// The exit that left `change`'s container stopped, when its engine told one.
    static func lastExit(_ change: Change) -> JSONValue? {
        change.details?["exits"]?.arrayValue?.last.flatMap { $0["started_again"]?.boolValue == true ? nil : $0 }
    }

    private func foundStopped(_ change: Change, exit: JSONValue?, _ pass: Pass,
                              _ add: (FleetEvent.Kind, ResourceAddress, String, String?, Date?) -> Void) {
        let healed = if case .applied = pass.report?.outcomes[change.address] { true } else { false }
        add(.containerExited, change.address,
            "the container was found stopped" + (exit.map { ": it \(Self.exited($0))" } ?? "") + (healed ? "; started again" : ""),
            exit?["id"]?.stringValue, exit?["at_ms"]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) })
    }

    /// `exited with code 1, out of memory`, as the engine told it.
    static func exited(_ exit: JSONValue) -> String {
        let code = exit["exit_code"]?.intValue.map { " with code \($0)" } ?? ""
        return "exited\(code)" + (exit["out_of_memory"]?.boolValue == true ? ", out of memory" : "")
    }

    /// Changes that failed, drift found and drift set back, and containers found stopped (with how they
    /// exited, when the engine told it: then keyed by that exit, so kept once).
    private mutating func appliedAndDrift(_ pass: Pass, _ add: (FleetEvent.Kind, ResourceAddress, String, String?, Date?) -> Void) {
        for change in pass.plan.actionable {
            if case let .failed(error) = pass.report?.outcomes[change.address] {
                let location = error.location.map { " (\($0))" } ?? ""
                add(.applyFailed, change.address, "\(change.action.rawValue) failed: \(error.message)\(location)", nil, nil)
            }
        }
        var stillDrifting: Set<ResourceAddress> = []
        for change in pass.plan.drift {
            let healed = if case .applied = pass.report?.outcomes[change.address] { true } else { false }
            if Self.foundStopped(change) {
                foundStopped(change, exit: Self.lastExit(change), pass, add)
            } else if healed {
                add(.driftHealed, change.address, Self.what(change) + "; set back", nil, nil)
            } else if !drifting.contains(change.address) {
                add(.driftFound, change.address, Self.what(change) + "; not set back yet", nil, nil)
            }
            if !healed { stillDrifting.insert(change.address) }
        }
        drifting = stillDrifting
    }

    /// A container botops keeps running whose run state was read as stopped.
    static func foundStopped(_ change: Change) -> Bool {
        guard change.address.kind == .container,
              let state = change.fields.first(where: { $0.path == "state" }) else { return false }
        return state.before?.stringValue.flatMap(Container.RunState.init) == .stopped
            && state.after?.stringValue.flatMap(Container.RunState.init) == .running
    }

    /// What drifted, in words: removed outside botops, or the fields changed (names only; a secret's value never).
    static func what(_ change: Change) -> String {
        if change.cause == .recreate { return "removed outside botops" }
        let paths = change.fields.map(\.path)
        let listed = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? " and \(paths.count - 5) more" : "")
        return paths.isEmpty ? "changed outside botops" : "changed outside botops: \(listed)"
    }
}

import Foundation

/// Renders `botops status`: the state's revision, its last run, and each owned resource's state.
public struct StatusRenderer: Sendable {
    public init() {}

    public func render(inventory: Inventory, lastRun: RunRecord?, store: String) -> String {
        let formatter = ISO8601DateFormatter()
        var out = "State: \(store)\n"
        if let revision = inventory.revision {
            out += "Applied revision: \(revision)" + (inventory.appliedAt.map { " at \(formatter.string(from: $0))" } ?? "") + "\n"
        } else {
            out += "Applied revision: none yet" + (inventory.appliedAt == nil ? "" : " (the last complete apply was of a folder)") + "\n"
        }
        guard let lastRun else { return out + "No run recorded yet.\n" }
        out += "Last run: \(lastRun.result.rawValue), \(lastRun.run.trigger) at \(formatter.string(from: lastRun.run.startedAt))"
            + " (\(lastRun.changes.count) change\(lastRun.changes.count == 1 ? "" : "s"))\n"
        let changed = Dictionary(lastRun.changes.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        let addresses = Set(inventory.resources.keys).union(changed.keys).sorted()
        guard !addresses.isEmpty else { return out }
        let width = addresses.map(\.description.count).max() ?? 0
        out += "\n"
        for address in addresses {
            let name = address.description.padding(toLength: width, withPad: " ", startingAt: 0)
            if let entry = changed[address] {
                var state = entry.outcome == .applied ? (entry.action == .delete ? "deleted" : "synced (\(entry.action.rawValue)d)")
                      : entry.outcome.rawValue + (entry.message.map { ": \($0)" } ?? "")
                if entry.outcome == .applied, entry.action != .delete, let status = lastRun.statuses?[address.description] {
                    state += ", \(status) at the last run"
                }
                out += "  \(name)  \(state)\n"
            } else if let status = lastRun.statuses?[address.description] {
                out += "  \(name)  synced, \(status) at the last run\n"
            } else {
                out += "  \(name)  synced\n"
            }
        }
        return out
    }
}

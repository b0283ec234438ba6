import Foundation
import Spec

/// Copies a whole state (inventory, fingerprint key, revision, history and the daemon's event log) from one
/// store into an empty one, holding both locks, so no run writes to either meanwhile.
public struct StateMigration: Sendable {
    public let from: any StateStore
    public let to: any StateStore

    public init(from: any StateStore, to: any StateStore) {
        self.from = from
        self.to = to
    }

    public struct Summary: Sendable {
        public let resources: Int
        public let runs: Int
        public var events: Int = 0
    }

    public func run(as run: RunInfo = RunInfo(trigger: RunInfo.Trigger(rawValue: "state-migrate"))) async throws -> Summary {
        let sourceLock = try await from.lock(timeout: .zero, run: run)
        do {
            let targetLock = try await to.lock(timeout: .zero, run: run)
            do {
                let summary = try await copy(under: targetLock)
                await targetLock.release()
                await sourceLock.release()
                return summary
            } catch {
                await targetLock.release()
                throw error
            }
        } catch {
            await sourceLock.release()
            throw error
        }
    }

    private func copy(under lock: any StateLock) async throws -> Summary {
        let inventory = try await from.load()
        let existing = try await to.load()
        guard existing.isFresh, existing.resources.isEmpty else {
            throw StateStoreError(store: to.description,
                message: "it already holds a state (\(existing.resources.count) resources); botops does not merge states")
        }
        let runs = try await from.history(limit: Int.max)
        try await to.record(InventoryDelta(upserts: inventory.resources.values.sorted { $0.address < $1.address },
                                           fingerprintKey: inventory.fingerprintKey,
                                           completed: inventory.appliedAt.map { .init(revision: inventory.revision, at: $0) }),
                            under: lock)
        // Oldest first, so the history reads in the same order in the new store.
        for record in runs.reversed() { try await to.finish(record, under: lock) }
        var summary = Summary(resources: inventory.resources.count, runs: runs.count)
        if let source = from as? any EventStore, let target = to as? any EventStore {
            summary.events = try await copyEvents(from: source, to: target)
        }
        return summary
    }

    /// The whole event log, page by page from the newest, written oldest first. The source has applied its
    /// retention already; the copy keeps what it has.
    private func copyEvents(from source: any EventStore, to target: any EventStore) async throws -> Int {
        var events: [FleetEvent] = []
        var seen: Set<String> = []
        var until: Date?
        while true {
            let page = try await source.events(EventQuery(until: until, limit: EventQuery.maximumLimit))
            let fresh = page.filter { seen.insert($0.id).inserted }
            // A page with nothing new is the end (or events sharing one time beyond a page: kept as far as read).
            guard !fresh.isEmpty else { break }
            events += fresh
            until = page.last?.at
        }
        try await target.append(events.reversed(), retentionDays: EventSettings.maximumRetentionDays)
        return events.count
    }
}

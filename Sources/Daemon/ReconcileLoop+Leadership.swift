import Foundation
import Reconciler

extension ReconcileLoop {
    /// What this daemon is among the replicas sharing its state store.
    public enum Role: String, Sendable, Codable {
        /// Holds the leadership lock: runs passes.
        case leader
        /// Another replica leads: serves what it can read and takes over when the leader is gone.
        case standby
        /// The store knows no leadership: the only daemon that applies.
        case single
    }

    /// True when this daemon may apply to `store`: it leads already (and still holds the lock), or it
    /// takes leadership now. A lost lock (the database dropped the session) is taken again if free.
    func lead(_ store: any StateStore) async throws -> Bool {
        guard let shared = store as? any LeadershipStore else {
            role = .single
            metrics.role(.single)
            return true
        }
        if let held = leadership {
            if held.store == shared.leadershipScope, await held.held.confirm() { return true }
            await held.held.release()
            leadership = nil
        }
        if let lock = try await shared.lead(as: replica) {
            leadership = (lock, shared.leadershipScope)
            role = .leader
            leader = replica
            metrics.role(.leader)
            await checkIn(shared, as: .leader)
            return true
        }
        role = .standby
        metrics.role(.standby)
        // Who leads is for status only; a store that cannot say does not stop the standby.
        leader = try? await shared.leader()
        await checkIn(shared, as: .standby)
        return false
    }

    /// Puts this replica on the store's roll until a while after its next pass is due. The roll is for people
    /// (the page's replicas); a store that cannot take it is logged and the pass goes on.
    private func checkIn(_ store: any LeadershipStore, as role: ReplicaRecord.Role) async {
        let interval = Double(schedule.interval.components.seconds)
        let record = ReplicaRecord(replica: replica, role: role, expiresAt: Date().addingTimeInterval(2 * interval + 60))
        do {
            try await store.checkIn(record)
            rollStore = store
        } catch {
            logger.warning("this replica could not put itself on the state store's roll", metadata: ["error": "\(error)"])
        }
    }

    /// The replicas on the roll of the store this daemon last checked in to; nil when it has none (a single
    /// daemon, or before its first pass) or the store cannot say now.
    func replicaRoll() async -> [ReplicaRecord]? {
        guard let rollStore else { return nil }
        do {
            return try await rollStore.replicas()
        } catch {
            logger.debug("the roll of replicas could not be read", metadata: ["error": "\(error)"])
            return nil
        }
    }

    /// Gives leadership up, so a standby takes over at its next look rather than when the session dies, and
    /// takes this replica off the roll.
    func resign() async {
        if let rollStore {
            do {
                try await rollStore.checkOut(replica)
            } catch {
                logger.warning("this replica could not take itself off the state store's roll; it drops out when its time runs out",
                               metadata: ["error": "\(error)"])
            }
        }
        guard let held = leadership else { return }
        leadership = nil
        await held.held.release()
    }
}

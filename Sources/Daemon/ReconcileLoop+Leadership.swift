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
            return true
        }
        role = .standby
        metrics.role(.standby)
        // Who leads is for status only; a store that cannot say does not stop the standby.
        leader = try? await shared.leader()
        return false
    }

    /// Gives leadership up, so a standby takes over at its next look rather than when the session dies.
    func resign() async {
        guard let held = leadership else { return }
        leadership = nil
        await held.held.release()
    }
}

/// A state store several daemons can share, of which one leads: only the leader runs passes; the
/// others stand by, serve what they can read, and take over once the leader is gone.
///
/// Leadership is a lock of its own, apart from the run lock (a CLI `apply` still takes only the run
/// lock), held for as long as the daemon leads and dropped by the store itself when the process
/// dies (a closed database session, a closed file), so a killed leader never blocks a standby.
public protocol LeadershipStore: StateStore {
    /// Takes leadership for `replica` when no live daemon holds it; nil, at once, when one does.
    func lead(as replica: RunInfo) async throws -> (any StateLock)?
    /// The daemon that leads, as it recorded itself; nil when none does.
    func leader() async throws -> RunInfo?
    /// What one leadership is of (a store and a Project): a daemon whose configuration moves it to
    /// another scope leads there anew.
    var leadershipScope: String { get }
    /// Records `record` in the roll of replicas (replacing its replica's earlier record) and forgets the
    /// records whose time ran out; a leader's check-in also forgets any other leader's (one that died leading).
    func checkIn(_ record: ReplicaRecord) async throws
    /// Takes `replica` off the roll: a daemon that stops.
    func checkOut(_ replica: RunInfo) async throws
    /// The replicas whose time has not run out, as ``ReplicaRecord/roll(_:at:)`` orders them.
    func replicas() async throws -> [ReplicaRecord]
}

extension RunInfo.Trigger {
    /// A daemon's leadership, in the leadership lock's holder record.
    public static let daemon = RunInfo.Trigger(rawValue: "daemon")
}

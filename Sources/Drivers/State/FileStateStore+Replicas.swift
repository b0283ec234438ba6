import Foundation
import Reconciler

/// The roll of replicas beside the state file: `state.json.replicas`, a JSON array rewritten whole under an
/// exclusive `flock` on `state.json.replicas.lock`, as every replica on the machine writes it.
extension FileStateStore {
    var replicasPath: String { path + ".replicas" }

    public func checkIn(_ record: ReplicaRecord) async throws {
        try updateReplicas { records in
            // One leads at a time (the leadership lock says so): a leader's record left by one that died goes.
            records.removeAll { $0.replica.id == record.replica.id || (record.role == .leader && $0.role == .leader) }
            records.append(record)
        }
    }

    public func checkOut(_ replica: RunInfo) async throws {
        try updateReplicas { records in records.removeAll { $0.replica.id == replica.id } }
    }

    public func replicas() async throws -> [ReplicaRecord] {
        ReplicaRecord.roll(try readReplicas())
    }

    /// Reads, changes and rewrites the roll while holding its lock; records whose time ran out are dropped.
    private func updateReplicas(_ change: (inout [ReplicaRecord]) -> Void) throws {
        try makeFolder()
        let lockPath = replicasPath + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StateStoreError(store: description, message: "cannot open \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        // Held for one read and one rename: a replica waits that long at most.
        guard flock(descriptor, LOCK_EX) == 0 else {
            throw StateStoreError(store: description, message: "cannot lock \(lockPath): \(String(cString: strerror(errno)))")
        }
        var records = ReplicaRecord.roll(try readReplicas())
        change(&records)
        try writeAtomically(try coding.encoder(pretty: false).encode(records), to: replicasPath)
    }

    private func readReplicas() throws -> [ReplicaRecord] {
        guard let data = FileManager.default.contents(atPath: replicasPath), !data.isEmpty else { return [] }
        do {
            return try coding.decoder().decode([ReplicaRecord].self, from: data)
        } catch {
            throw StateStoreError(store: description,
                                  message: "the roll of replicas \(replicasPath) is not one; remove it and each replica writes itself again")
        }
    }
}

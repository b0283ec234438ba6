import Foundation
import Reconciler

extension FileStateStore: LeadershipStore {
    /// Daemons on one machine sharing a state file: an `flock` on `<state>.leader`, which the kernel
    /// drops when the process dies.
    var leaderPath: String { path + ".leader" }

    public var leadershipScope: String { leaderPath }

    public func lead(as replica: RunInfo) async throws -> (any StateLock)? {
        guard let descriptor = try takeFlock(leaderPath, holder: replica) else { return nil }
        return FileStateLock(run: replica, path: leaderPath, descriptor: descriptor, nextSequence: 0)
    }

    /// The file outlives a killed leader, so it names one only while somebody holds its lock: a
    /// shared probe that succeeds means nobody does.
    public func leader() async throws -> RunInfo? {
        let descriptor = open(leaderPath, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_SH | LOCK_NB) == 0 {
            flock(descriptor, LOCK_UN)
            return nil
        }
        guard let data = FileManager.default.contents(atPath: leaderPath), !data.isEmpty else { return nil }
        // A leader that has just taken the lock may not have written its record yet: nobody to name.
        return try? JSONDecoder().decode(RunInfo.self, from: data)
    }
}

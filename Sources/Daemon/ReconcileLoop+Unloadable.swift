import Foundation
import Reconciler
import Spec

extension ReconcileLoop {
    /// Diagnostics a status or history shows at most for a revision that does not load.
    static let listedProblems = 20

    /// `file:line:col: error: message` for each of the configuration's errors (at most ``listedProblems``).
    static func problems(_ error: SessionError) -> [String] {
        guard let report = error.diagnostics else { return [] }
        let errors = report.errorLines
        let listed = Array(errors.prefix(listedProblems))
        return errors.count > listed.count ? listed + ["and \(errors.count - listed.count) more; botops validate lists them all"] : listed
    }

    /// Records a revision that does not load (an invalid configuration, an unreadable commit) in the
    /// history of the store the last good configuration used, once per revision. Nothing else is
    /// written: no change is planned from a configuration that does not load.
    func recordUnloadable(revision: String?, trigger: RunInfo.Trigger, errors: [String]) async {
        // A folder has no revision: the same problems are the same configuration.
        let key = revision ?? errors.joined(separator: "\n")
        guard let store = lastStore, key != recordedInvalid, role != .standby else { return }
        if let held = leadership, !(await held.held.confirm()) { return }
        let run = RunInfo(trigger: trigger)
        do {
            let lock = try await store.lock(timeout: .seconds(30), run: run)
            do {
                try await store.finish(RunRecord(run: run, revision: revision, result: .errored, errors: errors), under: lock)
                await lock.release()
            } catch {
                await lock.release()
                throw error
            }
            recordedInvalid = key
        } catch {
            logger.warning("the history could not record the invalid revision", metadata: ["error": "\(error)"])
        }
    }
}

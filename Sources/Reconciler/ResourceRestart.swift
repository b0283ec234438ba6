import Logging
import Spec

/// Restarts one live object botops owns through the driver that serves its kind, under the state
/// lock (so it never races an apply), and records it in the run history like any run. Desired state
/// and the inventory are left as they are.
public struct ResourceRestart: Sendable {
    public let driver: any RestartingDriver
    public let state: DesiredState
    public let store: any StateStore
    public let secrets: SecretResolver
    public let logger: Logger

    public init(driver: any RestartingDriver, state: DesiredState, store: any StateStore,
                secrets: SecretResolver = SecretResolver(), logger: Logger = Logger(label: "botops.restart")) {
        self.driver = driver
        self.state = state
        self.store = store
        self.secrets = secrets
        self.logger = logger
    }

    /// Restarts `address`; with `placement`, only if that is where botops made it.
    public func restart(_ address: ResourceAddress, placement requested: String? = nil, lockTimeout: Duration = .zero,
                        trigger: RunInfo.Trigger = .restart) async throws(SessionError) -> RestartOutcome {
        let inventory: Inventory
        do {
            inventory = try await store.load()
        } catch {
            throw SessionError(.stateUnavailable, "cannot read the state \(store.description): \(error)")
        }
        guard let entry = inventory.resources[address] else {
            throw SessionError(.notOwned, "botops does not own \(address): it is not in the state \(store.description). "
                               + "botops restarts only what it made; apply the configuration first, or restart it by hand")
        }
        let placement = driver.placement(of: entry)
        if let requested, requested != placement {
            throw SessionError(.notOwned, "\(address) runs on '\(placement)', not '\(requested)'")
        }
        let run = RunInfo(trigger: trigger)
        let lock = try await store.acquire(timeout: lockTimeout, run: run)
        let context = DriverContext(state: state, inventory: inventory, secrets: secrets, logger: logger).serving(driver.kinds)
        let outcome: Result<RestartOutcome, SessionError>
        do throws(SessionError) {
            outcome = .success(try await driver.restart(entry, context: context))
        } catch {
            outcome = .failure(error)
        }
        let entryRecord = switch outcome {
        case let .success(done): RunRecord.Entry(address: address, action: .update, outcome: .applied,
                                                 message: "\(done.record); desired state unchanged")
        case let .failure(error): RunRecord.Entry(address: address, action: .update, outcome: .failed, message: error.message)
        }
        let result: RunRecord.Result = if case .success = outcome { .succeeded } else { .failed }
        do {
            try await store.finish(RunRecord(run: run, revision: inventory.revision, result: result, counts: ["restart": 1],
                                             changes: [entryRecord]), under: lock)
        } catch {
            logger.warning("the restart could not be added to the history", metadata: ["error": "\(error)"])
        }
        await lock.release()
        return try outcome.get()
    }
}

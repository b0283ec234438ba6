import Foundation
import Logging
import Spec

/// One run against the live systems, given the desired state, the store and the drivers: plan
/// (reading only, no lock), or plan and apply under the store's lock, recording the run in the
/// history. ``SessionResult`` says how it ended; ``SessionError`` why it could not plan at all.
public struct ReconcileSession: Sendable {
    public let state: DesiredState
    public let store: any StateStore
    public let drivers: [any Driver]
    public let secrets: SecretResolver
    public let logger: Logger
    public let parallelism: Int
    /// Where `state` was read; a versioned one lets plans list the commits since the applied
    /// revision and lets a targeted run read the configuration at that revision.
    public let source: (any ConfigSource)?
    /// Reads other revisions of `source` (a targeted plan's baseline) with the limits and kinds `state` was read with.
    public let loader: SpecLoader

    public init(state: DesiredState, store: any StateStore, drivers: [any Driver], secrets: SecretResolver = SecretResolver(),
                logger: Logger = Logger(label: "botops"), parallelism: Int = 10, source: (any ConfigSource)? = nil,
                loader: SpecLoader = SpecLoader()) {
        self.source = source
        self.loader = loader
        self.state = state
        self.store = store
        self.drivers = drivers
        self.secrets = secrets
        self.logger = logger
        self.parallelism = parallelism
    }

    /// Plans without writing anything and without the lock, so it runs while another run applies
    /// and needs no write access to the state.
    public func plan(options: PlanOptions = PlanOptions()) async throws(SessionError) -> Plan {
        let inventory = try await load()
        let context = DriverContext(state: state, inventory: inventory, secrets: secrets, logger: logger,
                                    adopt: options.adopt)
        let result = await makePlan(context: context, options: options), plan = result.plan
        DeferredRelease.later((consume result, consume context))
        return plan
    }

    /// The plan, with the commits since the applied revision, and targeted when asked and possible.
    private func makePlan(context: DriverContext, options: PlanOptions) async -> Planner.Result {
        let baseline = options.targeted ? self.baseline(at: context.inventory.revision) : nil
        let result = await Planner(drivers: drivers).plan(context: context, options: options, baseline: baseline)
        var plan = result.plan
        plan.commits = commits(since: context.inventory.revision)
        return Planner.Result(plan: plan, desired: result.desired, owned: result.owned)
    }

    /// Plans, asks `approve` (unless the plan has no changes), and applies, holding the store's lock
    /// (waiting up to `lockTimeout` for it). With `saved`, applies that plan instead, after checking
    /// that neither the configuration nor the live state moved since. `stop` (or cancelling the
    /// task) stops starting changes; those in flight finish. `progress` hears of each change as it settles.
    public func apply(options: PlanOptions = PlanOptions(), saved: Plan? = nil, run: RunInfo = RunInfo(),
                      lockTimeout: Duration = .zero, stop: StopSignal = StopSignal(), progress: ApplyProgress.Handler? = nil,
                      approve: @escaping @Sendable (Plan) async -> Bool) async throws(SessionError) -> SessionResult {
        let lock = try await store.acquire(timeout: lockTimeout, run: run)
        do {
            let result = try await applyLocked(options: options, saved: saved, run: run, lock: lock, stop: stop,
                                               progress: progress, approve: approve)
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }

    private func applyLocked(options: PlanOptions, saved: Plan?, run: RunInfo, lock: any StateLock, stop: StopSignal,
                             progress: ApplyProgress.Handler?, approve: @escaping @Sendable (Plan) async -> Bool) async throws(SessionError) -> SessionResult {
        let inventory = try await load()
        let context = DriverContext(state: state, inventory: inventory, secrets: secrets, logger: logger, store: store,
                                    lock: lock, adopt: options.adopt)
        var options = options
        if saved != nil { options.digest = true }  // a saved plan is checked against it
        let fresh = await makePlan(context: context, options: options)
        var plan = fresh.plan
        if let saved {
            do {
                try SavedPlanCheck(saved: saved, fresh: fresh.plan).verify()
            } catch {
                await finish(RunRecord(run: run, revision: state.revision, result: .refused, errors: [error.description]), lock)
                throw SessionError(.stalePlan, error.description)
            }
            plan = saved
            plan.refusals = fresh.plan.refusals
        }
        guard plan.refusals.isEmpty else {
            await finish(RunRecord(run: run, revision: state.revision, result: .refused,
                                       counts: plan.summary.byAction, errors: plan.refusals.map(\.message)
                                           + plan.unknown.map(\.description)), lock)
            return .refused(plan, plan.refusals)
        }
        if plan.hasChanges, saved == nil, !(await approve(plan)) { return .declined(plan) }
        let report: ApplyReport
        do {
            report = try await Applier(drivers: drivers, store: store, parallelism: parallelism, progress: progress)
                .apply(plan, planned: fresh, context: context, lock: lock, stop: stop)
        } catch let error as StateLockLostError {
            throw SessionError(.stateUnavailable, error.description)
        } catch {
            throw SessionError(.stateUnavailable, "recording what was applied failed: \(error); the next run reads it back live")
        }
        // The run's record and answer need neither the desired values nor the inventory any more.
        DeferredRelease.later((consume fresh, consume context))
        await finish(record(of: report, plan: plan, run: run), lock)
        if report.stopped != nil { return .cancelled(plan, report) }
        return plan.hasChanges ? .applied(plan, report) : .noChanges(plan)
    }

    private func load() async throws(SessionError) -> Inventory {
        do {
            return try await store.load()
        } catch {
            throw SessionError(.stateUnavailable, "\(error)")
        }
    }

    /// History is written last and its failure does not undo the run; it is logged.
    private func finish(_ record: RunRecord, _ lock: any StateLock) async {
        do {
            try await store.finish(record, under: lock)
        } catch {
            logger.warning("the run could not be added to the history", metadata: ["error": "\(error)"])
        }
    }

    private func record(of report: ApplyReport, plan: Plan, run: RunInfo) -> RunRecord {
        let entries = plan.actionable.map { change in
            let outcome = report.outcomes[change.address] ?? .notStarted
            var message: String?
            switch outcome {
            case let .failed(error): message = error.message
            case let .skipped(because): message = "\(because) failed"
            default: break
            }
            return RunRecord.Entry(address: change.address, action: change.action, outcome: outcome.recorded, message: message)
        }
        let result: RunRecord.Result = report.stopped != nil ? .cancelled : report.succeeded ? .succeeded : .failed
        // Every status, also of a resource that changed: a Channel whose title was put back can still lack a right.
        var statuses: [String: String] = [:]
        for change in plan.changes {
            if let status = change.status { statuses[change.address.description] = status }
        }
        return RunRecord(run: run, revision: plan.revision, result: result, counts: plan.summary.byAction, changes: entries,
                         errors: plan.unknown.map(\.description), statuses: statuses)
    }
}

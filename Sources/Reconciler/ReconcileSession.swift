import Logging
import Spec

/// One run against the live systems: plan, and optionally apply, under the state store's lock.
public struct ReconcileSession: Sendable {
    public let state: DesiredState
    public let store: any StateStore
    public let drivers: [any Driver]
    public let secrets: SecretResolver
    public let logger: Logger
    public let parallelism: Int

    public init(state: DesiredState, store: any StateStore, drivers: [any Driver], secrets: SecretResolver = SecretResolver(),
                logger: Logger = Logger(label: "botops"), parallelism: Int = 10) {
        self.state = state
        self.store = store
        self.drivers = drivers
        self.secrets = secrets
        self.logger = logger
        self.parallelism = parallelism
    }

    /// Plans without writing anything.
    public func plan(options: PlanOptions = PlanOptions()) async throws -> Plan {
        try await store.withLock {
            let context = try await makeContext()
            return try await Planner(drivers: drivers).plan(context: context, options: options).plan
        }
    }

    /// Plans, asks `approve` (unless the plan has no changes), and applies. With `saved`, applies that
    /// plan instead, after checking that neither the configuration nor the live state moved since.
    /// Returns nil for the report when nothing was applied (declined or refused). A plan without
    /// changes is still "applied": the inventory learns adopted resources and the revision.
    public func apply(options: PlanOptions = PlanOptions(), saved: Plan? = nil,
                      approve: @escaping @Sendable (Plan) async -> Bool) async throws -> (Plan, ApplyReport?) {
        try await store.withLock {
            let context = try await makeContext()
            let fresh = try await Planner(drivers: drivers).plan(context: context, options: options)
            var plan = fresh.plan
            if let saved {
                try SavedPlanCheck(saved: saved, fresh: fresh.plan).verify()
                plan = saved
            }
            guard plan.refusals.isEmpty else { return (plan, nil) }
            if plan.hasChanges, saved == nil, !(await approve(plan)) { return (plan, nil) }
            let report = try await Applier(drivers: drivers, store: store, parallelism: parallelism)
                .apply(plan, desired: fresh.desired, context: context)
            return (plan, report)
        }
    }

    private func makeContext() async throws -> DriverContext {
        let inventory = try await store.load()
        if inventory.resources.isEmpty, inventory.appliedAt == nil, inventory.revision == nil {
            // A fresh store: keep its new fingerprint key, or each run would fingerprint secrets with
            // another key and a saved plan could never match a fresh one. Only the key is written.
            try await store.save(inventory)
        }
        return DriverContext(state: state, inventory: inventory, secrets: secrets, logger: logger)
    }
}

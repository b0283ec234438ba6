import Foundation
import Spec
import Synchronization

/// Makes a ``Plan``: asks every driver, concurrently, for the desired and live state, diffs them,
/// and checks the plan against the safety limits. Reads only; writes nothing anywhere.
///
/// A driver that cannot read some addresses does not stop the others: those addresses, and what is
/// tied to them, become ``Plan/unknown`` (never changed, never deleted), and the plan is partial.
public struct Planner: Sendable {
    public let drivers: [any Driver]

    public init(drivers: [any Driver]) {
        self.drivers = drivers
    }

    /// What a plan is made from, kept so apply can carry out the same changes.
    public struct Result: Sendable {
        public let plan: Plan
        public let desired: [ResourceAddress: DesiredResource]
        /// The inventory's entries, plus those read back from orphans' markers.
        public let owned: [ResourceAddress: InventoryEntry]
    }

    /// One driver's part of the plan.
    private struct DriverPart: Sendable {
        var changes: [Change] = []
        var desired: [ResourceAddress: DesiredResource] = [:]
        var owned: [ResourceAddress: InventoryEntry] = [:]
        var unknown: [ResourceError] = []
        /// Declared addresses, including those whose desired value could not be prepared.
        var declared: Set<ResourceAddress> = []
        /// What unknown addresses depend on, to hold back deletions of what they need.
        var unknownDependsOn: [ResourceAddress: [ResourceAddress]] = [:]
        /// What the read objects reported as data (``Observations/details``), for resources that read them.
        var details: [ResourceAddress: JSONValue] = [:]
    }

    /// With a `baseline` (the desired state at the applied revision) the plan is targeted: see
    /// ``DeclarationDiff``. Resources outside the targets are neither read nor planned, and orphans
    /// are left to a full plan.
    public func plan(context: DriverContext, options: PlanOptions = PlanOptions(), baseline: DesiredState? = nil) async -> Result {
        let (declaredSets, targets, scopes) = targeting(context: context, baseline: baseline)
        var context = context
        context.fieldScopes = scopes
        context.activity = options.activity
        // A full plan's reads that do not depend on the declarations begin before them: a converged plan of 12,000
        // rows spent 0.1 s working its declarations out on one core before its reads began.
        let readAheads = baseline == nil ? readsAhead(context: context) : [:]
        let sets = declaredSets ?? desiredSets(in: [context])[0]
        // Data dependencies: what some resources read is observed first (its details asked for), and
        // their drivers complete them from it before they observe.
        context.detailsWanted = Set(sets.flatMap { $0.resources.flatMap(\.reads) })
        let readers = Set(drivers.indices.filter { sets[$0].resources.contains { !$0.reads.isEmpty } })
        let first = await parts(drivers.indices.filter { !readers.contains($0) }, sets: sets, context: context, targets: targets,
                                readAheads: readAheads, digest: options.digest)
        let details = first.values.reduce(into: [ResourceAddress: JSONValue]()) { $0.merge($1.details) { one, _ in one } }
        let completed = sets.indices.map { index in
            readers.contains(index) ? complete(sets[index], by: drivers[index], details: details) : sets[index]
        }
        let second = await parts(readers.sorted(), sets: completed, context: context, targets: targets, readAheads: readAheads,
                                 digest: options.digest)
        // Every observe is done: a read no observe waited for is stopped, and what the reads hold (12,000 rows) is
        // freed off the caller's thread, as the observations are.
        readAheads.values.forEach { $0.cancel() }
        DeferredRelease.later(consume readAheads)
        let parts = first.merging(second) { one, _ in one }.sorted { $0.key < $1.key }.map(\.value)
        var all = DriverPart()
        for part in parts {
            all.changes += part.changes
            // The first driver's dictionaries are taken as they are, not rebuilt entry by entry (a fleet of one
            // driver's 12,000 rows spent 20 ms merging them into empty ones).
            if all.desired.isEmpty { all.desired = part.desired } else { all.desired.merge(part.desired) { first, _ in first } }
            if all.owned.isEmpty { all.owned = part.owned } else { all.owned.merge(part.owned) { first, _ in first } }
            all.unknown += part.unknown
            all.declared.formUnion(part.declared)
            all.unknownDependsOn.merge(part.unknownDependsOn) { first, _ in first }
        }
        let (changes, heldBack) = holdBack(all.changes, unknown: all.unknown, unknownDependsOn: all.unknownDependsOn)
        let unknown = all.unknown + heldBack
        var plan = Plan(revision: context.state.revision,
                        configDigest: options.digest ? Planner.digest(of: all.desired.values, unknown: unknown.map(\.address),
                                                                      maskSecrets: context.inventory.isFresh) : "",
                        changes: changes, unknown: unknown,
                        refusals: refusals(changes, unknown: unknown, context: context, options: options,
                                           declaredCount: all.declared.count))
        plan.appliedRevision = context.inventory.revision
        if targets != nil { plan.targetedSince = baseline?.revision }
        return Result(plan: plan, desired: all.desired, owned: all.owned)
    }

    /// Each driver's declarations (when already worked out) and the targets of a targeted plan.
    private func targeting(context: DriverContext, baseline: DesiredState?)
        -> ([DesiredSet]?, Set<ResourceAddress>?, [ResourceAddress: Set<String>]) {
        guard let baseline else { return (nil, nil, [:]) }
        let before = DriverContext(state: baseline, inventory: context.inventory, secrets: context.secrets,
                                   logger: context.logger, fingerprintKey: context.fingerprintKey, adopt: context.adopt)
        let sets = desiredSets(in: [before, context])
        let diff = DeclarationDiff(before: sets[0], after: sets[1])
        return (sets[1], diff.targets(inventory: context.inventory), diff.changedFields(inventory: context.inventory))
    }

    /// Each driver's declarations in each of `contexts` (`result[context][driver]`), worked out on every core at
    /// once: they do not depend on one another, and a push pass needs every driver's at two revisions (each was
    /// 18 % of such a pass's CPU, one after the other).
    private func desiredSets(in contexts: [DriverContext]) -> [[DesiredSet]] {
        let count = drivers.count
        guard count > 0 else { return contexts.map { _ in [] } }
        let results = Mutex([DesiredSet?](repeating: nil, count: contexts.count * count))
        DispatchQueue.concurrentPerform(iterations: contexts.count * count) { index in
            let driver = drivers[index % count]
            let set = driver.desired(in: contexts[index / count].serving(driver.kinds))
            results.withLock { $0[index] = set }
        }
        // concurrentPerform returns once every iteration has: each slot is filled.
        let all = results.withLock { $0 }.compactMap { $0 }
        return contexts.indices.map { Array(all[$0 * count ..< ($0 + 1) * count]) }
    }

    /// `transform` of each element, in order, worked out on every core at once when there are enough
    /// elements to be worth it: comparing 12,000 observations with their declarations took 0.1 s of a
    /// converged plan on one core, the other idle.
    static func inSlices<Element: Sendable, Transformed: Sendable>(
        _ elements: [Element], minimum: Int = 1_000,
        _ transform: @Sendable (Element) -> Transformed) -> [Transformed] {
        let slices = sliceCount(elements.count, minimum: minimum, processors: ProcessInfo.processInfo.activeProcessorCount)
        guard slices > 1 else { return elements.map(transform) }
        let results = Mutex([[Transformed]](repeating: [], count: slices))
        DispatchQueue.concurrentPerform(iterations: slices) { slice in
            let range = elements.count * slice / slices ..< elements.count * (slice + 1) / slices
            let transformed = elements[range].map(transform)
            results.withLock { $0[slice] = transformed }
        }
        // concurrentPerform returns once every iteration has: each slice is filled.
        return results.withLock { $0 }.flatMap { $0 }
    }

    /// How many slices ``inSlices(_:minimum:_:)`` cuts `count` elements into: one per processor, each of at
    /// least `minimum` elements, and one (no other thread) for fewer than twice `minimum`.
    static func sliceCount(_ count: Int, minimum: Int, processors: Int) -> Int {
        max(1, min(processors, count / max(1, minimum)))
    }

    /// What each driver that owns something began reading ahead (``Driver/readAhead(context:)``), by its index.
    /// One that owns nothing is left alone: with nothing declared either it is not contacted at all.
    private func readsAhead(context: DriverContext) -> [Int: ReadAhead] {
        var started: [Int: ReadAhead] = [:]
        for (index, driver) in drivers.enumerated() where context.inventory.ownsAny(of: driver.kinds) {
            started[index] = driver.readAhead(context: context.serving(driver.kinds))
        }
        return started
    }

    /// The parts of the drivers at `indices`, read concurrently.
    private func parts(_ indices: [Int], sets: [DesiredSet], context: DriverContext, targets: Set<ResourceAddress>?,
                       readAheads: [Int: ReadAhead], digest: Bool) async -> [Int: DriverPart] {
        await withTaskGroup(of: (Int, DriverPart).self) { group in
            for index in indices {
                let driver = drivers[index], declared = sets[index]
                var context = context
                context.readAhead = readAheads[index]
                group.addTask {
                    (index, await self.part(for: driver, context: context, declared: declared, targets: targets, digest: digest))
                }
            }
            var parts: [Int: DriverPart] = [:]
            for await (index, part) in group { parts[index] = part }
            return parts
        }
    }

    /// `set` with each resource that reads others completed by its driver from their details (an
    /// address that was not read is left out).
    private func complete(_ set: DesiredSet, by driver: any Driver, details: [ResourceAddress: JSONValue]) -> DesiredSet {
        DesiredSet(set.resources.map { resource in
            guard !resource.reads.isEmpty else { return resource }
            let read = Dictionary(uniqueKeysWithValues: resource.reads.compactMap { address in details[address].map { (address, $0) } })
            return driver.complete(resource, reading: read)
        }, failures: set.failures)
    }

    private func part(for driver: any Driver, context: DriverContext, declared: DesiredSet,
                      targets: Set<ResourceAddress>?, digest: Bool) async -> DriverPart {
        let context = context.serving(driver.kinds)
        var part = DriverPart()
        let ownedAddresses = context.inventory.addresses(of: driver.kinds)
        part.declared = Set(declared.resources.map(\.address)).union(declared.failures.map(\.address))
        // A driver with nothing declared and nothing owned is not contacted at all, so a
        // bots-only configuration needs no Docker engine and no database.
        if part.declared.isEmpty && ownedAddresses.isEmpty { return part }
        let byAddress = Dictionary(declared.resources.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
        part.desired = byAddress
        part.owned.reserveCapacity(ownedAddresses.count)
        for address in ownedAddresses { part.owned[address] = context.inventory.resources[address] }
        part.unknown = declared.failures.filter { targets?.contains($0.address) ?? true }
        let unprepared = Set(declared.failures.map(\.address))
        var addresses = Array(Set(byAddress.keys).union(ownedAddresses).subtracting(unprepared)).sorted()
        if let targets {
            addresses = addresses.filter(targets.contains)
            // Nothing of this driver's changed: it is not contacted.
            if addresses.isEmpty { return part }
        }
        let observed = await driver.observe(addresses, desired: byAddress, context: context)
        part.details = observed.details

        var failed = unprepared.filter { targets?.contains($0) ?? true }
        for failure in observed.failures where !failed.contains(failure.address) {
            failed.insert(failure.address)
            part.unknown.append(failure)
        }
        var found = observed.found
        let orphansFound = observed.orphans.filter { targets?.contains($0.address) ?? true }
        for orphan in orphansFound where part.owned[orphan.address] == nil && driver.kinds.contains(orphan.address.kind) {
            part.owned[orphan.address] = InventoryEntry(address: orphan.address, attributes: orphan.attributes)
            if found[orphan.address] == nil { found[orphan.address] = .present(orphan.value, handle: orphan.handle) }
        }
        let orphans = Set(orphansFound.map(\.address)).subtracting(ownedAddresses)
        var planning: [(address: ResourceAddress, observation: Observation)] = []
        // `addresses` is sorted already: a converged fleet has no orphans, and 12,000 addresses were sorted again.
        for address in orphans.isEmpty ? addresses : Set(addresses).union(orphans).sorted() where !failed.contains(address) {
            guard let observation = found[address] else {
                part.unknown.append(ResourceError(address: address, code: .readFailed,
                    message: "the \(driver.name) driver returned no observation; nothing was planned for it",
                    location: byAddress[address]?.location))
                failed.insert(address)
                continue
            }
            planning.append((address, observation))
        }
        let owned = part.owned, prune = context.state.project.prune
        part.changes = Self.inSlices(planning) { address, observation in
            var planned = change(for: address, desired: byAddress[address], observed: observation,
                                 owned: owned[address], orphan: orphans.contains(address),
                                 driver: driver, prune: prune, scope: context.fieldScopes[address], digest: digest)
            planned.status = observed.statuses[address]?.text
            planned.health = observed.statuses[address]?.health
            planned.details = observed.details[address]
            return planned
        }
        for address in failed {
            part.unknownDependsOn[address] = byAddress[address]?.dependsOn ?? part.owned[address]?.dependsOn ?? []
        }
        DeferredRelease.later((consume observed, consume found))
        return part
    }

    /// `digest`: work out the change's ``Change/observedDigest`` (see ``PlanOptions/digest``).
    func change(for address: ResourceAddress, desired: DesiredResource?, observed: Observation, owned: InventoryEntry?,
                orphan: Bool = false, driver: any Driver, prune: Bool, scope: Set<String>? = nil, digest withDigest: Bool) -> Change {
        let digest = withDigest ? Planner.digest(of: observed) : ""
        let lane = desired?.lane ?? owned?.lane
        let batch = desired?.batch ?? owned?.batch
        let handle = observed.handle
        guard let desired else {
            let dependsOn = owned?.dependsOn ?? []
            if driver.releasesOnRemoval(address.kind) {
                return Change(address: address, action: .noOp, reason: "no longer declared: no longer managed, left as it is",
                              cause: .release, dependsOn: dependsOn, lane: lane, batch: batch, observedDigest: digest)
            }
            guard case let .present(live, _) = observed else {
                return Change(address: address, action: .noOp, reason: "already gone; botops forgets it", cause: .forget,
                              dependsOn: dependsOn, lane: lane, batch: batch, observedDigest: digest)
            }
            guard prune else {
                return Change(address: address, action: .noOp, reason: "no longer declared, kept because prune is off",
                              cause: .keptPruneOff, dependsOn: dependsOn, lane: lane, batch: batch, handle: handle,
                              observedDigest: digest)
            }
            return Change(address: address, action: .delete,
                          fields: ValueDiffer.changes(before: live, after: nil, sensitive: Set(owned?.fingerprints.keys ?? [:].keys)),
                          reason: orphan ? "carries botops' marker but is missing from the state, left by an interrupted run"
                              : "no longer declared",
                          cause: orphan ? .orphan : .noLongerDeclared, dependsOn: dependsOn, lane: lane, batch: batch,
                          handle: handle, observedDigest: digest)
        }
        switch observed {
        case .absent:
            return Change(address: address, action: .create,
                          fields: ValueDiffer.changes(before: nil, after: desired.value, sensitive: desired.sensitivePaths),
                          reason: owned == nil ? nil : "missing live; botops makes it again", cause: owned == nil ? nil : .recreate,
                          dependsOn: desired.dependsOn, lane: lane, batch: batch, observedDigest: digest)
        case let .present(live, _):
            var fields = ValueDiffer.changes(before: live, after: desired.value, sensitive: desired.sensitivePaths).map { field in
                var described = field
                described.note = driver.describe(field, of: address)
                return described
            }
            if let scope {
                // Only the scoped fields were read (or need be): the others are the next full pass's.
                fields = fields.filter { field in
                    scope.contains { FieldChange.path(field.path, isWithin: $0) || FieldChange.path($0, isWithin: field.path) }
                }
            }
            let foundOrphan = orphan ? "found live with botops' marker; botops records it" : nil
            if fields.isEmpty {
                return Change(address: address, action: .noOp,
                              reason: foundOrphan ?? (owned == nil ? "matches; botops adopts it" : nil),
                              cause: orphan ? .orphan : owned == nil ? .adopt : nil,
                              dependsOn: desired.dependsOn, lane: lane, batch: batch, handle: handle, observedDigest: digest)
            }
            let triggers = driver.replaceTriggers(for: address.kind)
            let forced = fields.filter { field in triggers.contains { FieldChange.path(field.path, isWithin: $0) } }
            guard forced.isEmpty else {
                let markers = driver.markerPaths(for: address.kind)
                let adoption = owned == nil && !orphan && fields.allSatisfy { field in
                    markers.contains { FieldChange.path(field.path, isWithin: $0) }
                }
                return Change(address: address, action: .replace, fields: fields,
                              reason: adoption ? "no declared field changes; the replacement carries botops' marker"
                                  : "\(forced.map(\.path).joined(separator: ", ")) cannot change in place",
                              cause: adoption ? .adoptByReplace : .forcedReplace,
                              dependsOn: desired.dependsOn, lane: lane, batch: batch,
                              order: driver.replaceOrder(for: address, fields: fields, desired: desired),
                              handle: handle, observedDigest: digest)
            }
            return Change(address: address, action: .update, fields: fields,
                          reason: foundOrphan ?? (owned == nil ? "not managed by botops yet" : nil),
                          cause: orphan ? .orphan : owned == nil ? .takeOver : nil,
                          dependsOn: desired.dependsOn, lane: lane, batch: batch, handle: handle, observedDigest: digest)
        }
    }

}

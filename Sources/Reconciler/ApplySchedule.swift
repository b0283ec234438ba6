import Logging
import Spec

/// The Applier's bookkeeping of one run: which units wait, which may start (dependencies applied, lanes
/// free), and how each change settled. It only decides; the Applier runs what it hands out.
struct ApplySchedule {
    /// A set of changes started together: one change, or every ready change of one driver with one batch key.
    struct Unit: Sendable {
        let id: Int
        let driver: (any Driver)?
        let changes: [Change]
        /// Kept, not derived: the schedule asks for it at every start and finish.
        let lanes: Set<String>

        init(id: Int, driver: (any Driver)?, changes: [Change]) {
            self.id = id
            self.driver = driver
            self.changes = changes
            lanes = Set(changes.compactMap(\.lane))
        }
    }

    private(set) var outcomes: [ResourceAddress: ApplyReport.Outcome] = [:]
    let actions: [ResourceAddress: Action]
    /// The replaces that are adoptions, said as such in the progress.
    let adoptions: Set<ResourceAddress>
    private let total: Int
    private let waitsFor: [ResourceAddress: Set<ResourceAddress>]
    private var pending: [Unit]
    private var unitWaits: [Int: Set<ResourceAddress>] = [:]
    private var busyLanes: Set<String> = []
    /// Whether a change settled as not applied since ``skipBlocked()`` last looked: until one does, nothing new
    /// is blocked, and a 1,000-bot apply asks after every unit (a scan of all that wait, each time).
    private var newBlockers = false
    private let progress: ApplyProgress.Handler?

    init(changes: [Change], units: [Unit], progress: ApplyProgress.Handler?) {
        actions = Dictionary(changes.map { ($0.address, $0.action) }, uniquingKeysWith: { first, _ in first })
        adoptions = Set(changes.filter { $0.cause == .adoptByReplace }.map(\.address))
        total = changes.count
        waitsFor = Self.ordering(changes)
        pending = units
        self.progress = progress
        for unit in units { unitWaits[unit.id] = Self.externalWaits(unit, waitsFor: waitsFor) }
    }

    var isDone: Bool { pending.isEmpty }

    mutating func settle(_ address: ResourceAddress, _ outcome: ApplyReport.Outcome) {
        outcomes[address] = outcome
        if Self.didNotApply(outcome) { newBlockers = true }
        progress?(ApplyProgress(done: outcomes.count, total: total, address: address, action: actions[address] ?? .noOp,
                                outcome: outcome, adoption: adoptions.contains(address)))
    }

    /// Skips whatever waits for a failed, skipped or unstarted resource. In a batch only the changes
    /// tied to the failure are skipped; the batch's other changes still go.
    mutating func skipBlocked() {
        guard newBlockers else { return }
        defer { newBlockers = false }
        var progressed = true
        while progressed {
            progressed = false
            var remaining: [Unit] = []
            for unit in pending {
                guard waits(unit).contains(where: { Self.didNotApply(outcomes[$0]) }) else {
                    remaining.append(unit)
                    continue
                }
                let blocked = Self.blocked(unit.changes, waitsFor: waitsFor, outcomes: outcomes)
                progressed = progressed || !blocked.isEmpty
                for (address, blocker) in blocked { settle(address, .skipped(because: blocker)) }
                let rest = unit.changes.filter { blocked[$0.address] == nil }
                guard !rest.isEmpty else { continue }
                let trimmed = Unit(id: unit.id, driver: unit.driver, changes: rest)
                unitWaits[unit.id] = Self.externalWaits(trimmed, waitsFor: waitsFor)
                remaining.append(trimmed)
            }
            pending = remaining
        }
    }

    /// The run stopped: nothing more starts, and what was waiting did not start.
    mutating func stopAll() {
        for unit in pending { for change in unit.changes { settle(change.address, .notStarted) } }
        pending.removeAll()
    }

    /// Up to `room` units whose dependencies applied and whose lanes are free, now marked running.
    mutating func start(room: Int) -> [Unit] {
        var started: [Int] = []
        for index in pending.indices {
            guard started.count < room else { break }
            let ready = waits(pending[index]).allSatisfy { if case .applied = outcomes[$0] { true } else { false } }
            guard ready, busyLanes.isDisjoint(with: pending[index].lanes) else { continue }
            busyLanes.formUnion(pending[index].lanes)
            started.append(index)
        }
        let units = started.map { pending[$0] }
        for index in started.reversed() { pending.remove(at: index) }
        return units
    }

    /// Nothing runs and nothing can start: only a dependency cycle does that, which validation rules out.
    mutating func failWaiting() {
        for unit in pending {
            for change in unit.changes {
                settle(change.address, .failed(ResourceError(address: change.address, code: .applyFailed,
                    message: "waits for itself through its dependencies")))
            }
        }
        pending.removeAll()
    }

    /// Settles a finished unit from its driver's answers; returns what the inventory now holds for each
    /// change that applied (nil to forget it).
    mutating func finish(_ unit: Unit, _ results: [ResourceAddress: Result<ApplyOutcome, ResourceError>],
                         declaredAt: (ResourceAddress) -> SourceLocation?, logger: Logger) -> [ResourceAddress: InventoryEntry?] {
        busyLanes.subtract(unit.lanes)
        var entries: [ResourceAddress: InventoryEntry?] = [:]
        for change in unit.changes {
            switch results[change.address] {
            case let .success(outcome)?:
                settle(change.address, .applied(writes: outcome.writes))
                var entry = outcome.entry
                entry?.lane = change.lane
                entry?.batch = change.batch
                entries[change.address] = .some(entry)
            case let .failure(error)?:
                // Point at the declaration when the driver could not say more precisely.
                settle(change.address, .failed(error.location != nil ? error : error.telling(error.address, at: declaredAt(change.address))))
                // The report lists every failure with its location; the log only traces it.
                logger.info("apply failed", metadata: ["resource": "\(change.address)", "error": "\(error.message)"])
            case nil:
                settle(change.address, .failed(ResourceError(address: change.address, code: .applyFailed,
                    message: "the \(unit.driver?.name ?? "") driver returned no result for it; it may or may not have been applied",
                    location: declaredAt(change.address))))
            }
        }
        return entries
    }

    private func waits(_ unit: Unit) -> Set<ResourceAddress> { unitWaits[unit.id] ?? [] }
}

import Reconciler
import Spec

/// The live side of ``FakeDriver``s: a value per address, scripted read and write failures, live
/// objects carrying a marker, handles, an artificial delay per apply, and a log of every call, with
/// how many applies overlapped.
actor FakeFleet {
    enum Event: Hashable, Sendable {
        case start(ResourceAddress)
        case end(ResourceAddress)
    }

    private(set) var live: [ResourceAddress: JSONValue]
    /// Live objects that carry the fake marker (found by a read even when nobody asked).
    private var marked: Set<ResourceAddress> = []
    /// Handles reads report, by address.
    private var handles: [ResourceAddress: Handle] = [:]
    private var observeFailures: Set<ResourceAddress> = []
    private var failingDrivers: Set<String> = []
    private var silentAddresses: Set<ResourceAddress> = []
    private var applyFailures: Set<ResourceAddress> = []
    private var delay: Duration = .zero
    private var delays: [ResourceAddress: Duration] = [:]

    /// Addresses each driver was asked to observe, call by call, by driver name.
    private(set) var observeCalls: [String: [[ResourceAddress]]] = [:]
    /// Applies in the order they were called.
    private(set) var applied: [PendingChange] = []
    /// Each batch a driver was handed, in order.
    private(set) var batches: [[ResourceAddress]] = []
    private(set) var events: [Event] = []
    private var running = 0
    private var runningByLane: [String: Int] = [:]
    /// The most applies ever in progress at once, overall and per lane.
    private(set) var highWater = 0
    private(set) var highWaterByLane: [String: Int] = [:]

    init(live: [ResourceAddress: JSONValue] = [:]) {
        self.live = live
    }

    // MARK: Script

    func setLive(_ address: ResourceAddress, _ value: JSONValue?) { live[address] = value }
    /// A live object with the marker, as a crash between create and record leaves one.
    func setMarked(_ address: ResourceAddress, _ value: JSONValue) {
        live[address] = value
        marked.insert(address)
    }
    func setHandle(_ address: ResourceAddress, _ handle: Handle) { handles[address] = handle }
    /// Reads of these addresses fail with a `read-failed` ``ResourceError``.
    func failObserve(_ addresses: ResourceAddress...) { observeFailures.formUnion(addresses) }
    /// Every read by this driver fails as unreachable.
    func failDriver(_ name: String) { failingDrivers.insert(name) }
    /// Reads leave these addresses out of the result, as a buggy driver would.
    func omitObservation(_ addresses: ResourceAddress...) { silentAddresses.formUnion(addresses) }
    /// Applies of these addresses throw an `apply-failed` ``ResourceError``.
    func failApply(_ addresses: ResourceAddress...) { applyFailures.formUnion(addresses) }
    /// Every apply takes this long, unless `for` names the address.
    func setDelay(_ duration: Duration, for address: ResourceAddress? = nil) {
        if let address { delays[address] = duration } else { delay = duration }
    }

    // MARK: Log

    func observeCount(_ driver: String) -> Int { observeCalls[driver]?.count ?? 0 }

    /// Waits (up to 5 s) until `count` applies have started.
    func waitForApplies(_ count: Int) async {
        let clock = ContinuousClock()
        // The whole suite starts at once on 2 cores; 5 s once passed before the engine began an apply.
        let deadline = clock.now + .seconds(60)
        while applied.count < count, clock.now < deadline { try? await Task.sleep(for: .milliseconds(5)) }
    }
    var appliedAddresses: [ResourceAddress] { applied.map(\.address) }
    func index(of event: Event) -> Int? { events.firstIndex(of: event) }

    /// True when `first` finished before `second` started.
    func finished(_ first: ResourceAddress, before second: ResourceAddress) -> Bool {
        guard let end = index(of: .end(first)), let start = index(of: .start(second)) else { return false }
        return end < start
    }

    // MARK: Driver side

    func observe(_ addresses: [ResourceAddress], by driver: String, kinds: Set<ResourceKind>,
                 owned: Set<ResourceAddress>) -> Observations {
        observeCalls[driver, default: []].append(addresses)
        if failingDrivers.contains(driver) {
            return .failed(addresses) {
                ResourceError(address: $0, code: .unreachable, message: "the \(driver) engine at fake://\(driver) is unreachable",
                              endpoint: EndpointFailure(endpoint: "the \(driver) engine at fake://\(driver)", reason: .noAnswer,
                                                        detail: "connection refused"))
            }
        }
        var result = Observations()
        for address in addresses {
            if observeFailures.contains(address) {
                result.failures.append(ResourceError(address: address, code: .readFailed, message: "the fake fleet cannot read \(address)"))
            } else if !silentAddresses.contains(address) {
                result.found[address] = live[address].map { .present($0, handle: handles[address]) } ?? .absent
            }
        }
        for address in marked.sorted() where kinds.contains(address.kind) && !owned.contains(address) {
            guard let value = live[address] else { continue }
            result.orphans.append(Orphan(address: address, value: value, handle: handles[address],
                                         attributes: ["marker": .string(address.description)]))
        }
        return result
    }

    func apply(_ pending: PendingChange) async throws(ResourceError) -> ApplyOutcome {
        begin(pending)
        defer { end(pending.change) }
        let pause = delays[pending.address] ?? delay
        // The engine runs a change outside the run's cancellation, so this sleep is never cut short.
        if pause > .zero { try? await Task.sleep(for: pause) }
        if applyFailures.contains(pending.address) {
            throw ResourceError(address: pending.address, code: .applyFailed,
                                message: "the fake fleet refused to \(pending.change.action.rawValue) it")
        }
        return try write(pending)
    }

    /// All or nothing: one failure rolls every change of the batch back.
    func applyTransaction(_ batch: [PendingChange]) -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        batches.append(batch.map(\.address))
        let saved = live
        var results: [ResourceAddress: Result<ApplyOutcome, ResourceError>] = [:]
        for pending in batch {
            begin(pending)
            end(pending.change)
            if let failing = batch.first(where: { applyFailures.contains($0.address) }) {
                live = saved
                return Dictionary(uniqueKeysWithValues: batch.map {
                    ($0.address, .failure(ResourceError(address: $0.address, code: .applyFailed,
                        message: "rolled back: \(failing.address) failed")))
                })
            }
            do throws(ResourceError) {
                results[pending.address] = .success(try write(pending))
            } catch {
                live = saved
                return Dictionary(uniqueKeysWithValues: batch.map { ($0.address, .failure(error)) })
            }
        }
        return results
    }

    private func write(_ pending: PendingChange) throws(ResourceError) -> ApplyOutcome {
        let change = pending.change
        guard change.action != .delete else {
            live[change.address] = nil
            marked.remove(change.address)
            return ApplyOutcome(entry: nil, writes: 1)
        }
        guard let desired = pending.desired else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "no desired value to apply")
        }
        live[change.address] = desired.value
        var fingerprints: [String: String] = [:]
        for path in desired.sensitivePaths {
            fingerprints[path] = desired.value[path]?.stringValue ?? ""
        }
        let entry = InventoryEntry(address: change.address, fingerprints: fingerprints, attributes: desired.attributes,
                                   dependsOn: desired.dependsOn)
        return ApplyOutcome(entry: entry, writes: max(1, change.fields.count))
    }

    private func begin(_ pending: PendingChange) {
        applied.append(pending)
        events.append(.start(pending.address))
        running += 1
        highWater = max(highWater, running)
        if let lane = pending.change.lane {
            runningByLane[lane, default: 0] += 1
            highWaterByLane[lane] = max(highWaterByLane[lane] ?? 0, runningByLane[lane]!)
        }
    }

    private func end(_ change: Change) {
        events.append(.end(change.address))
        running -= 1
        if let lane = change.lane { runningByLane[lane, default: 0] -= 1 }
    }
}

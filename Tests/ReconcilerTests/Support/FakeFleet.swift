import Reconciler
import Spec

/// The live side of ``FakeDriver``s: a value per address, scripted read and write failures, an
/// artificial delay per apply, and a log of every call, with how many applies overlapped.
actor FakeFleet {
    enum Event: Hashable, Sendable {
        case start(ResourceAddress)
        case end(ResourceAddress)
    }

    private(set) var live: [ResourceAddress: JSONValue]
    private var observeFailures: Set<ResourceAddress> = []
    private var silentAddresses: Set<ResourceAddress> = []
    private var applyFailures: Set<ResourceAddress> = []
    private var delay: Duration = .zero
    private var delays: [ResourceAddress: Duration] = [:]

    /// Addresses each driver was asked to observe, call by call, by driver name.
    private(set) var observeCalls: [String: [[ResourceAddress]]] = [:]
    /// Applies in the order they were called.
    private(set) var applied: [Change] = []
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
    /// Reads of these addresses throw a `read-failed` ``ResourceError``.
    func failObserve(_ addresses: ResourceAddress...) { observeFailures.formUnion(addresses) }
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
    var appliedAddresses: [ResourceAddress] { applied.map(\.address) }
    func index(of event: Event) -> Int? { events.firstIndex(of: event) }

    /// True when `first` finished before `second` started.
    func finished(_ first: ResourceAddress, before second: ResourceAddress) -> Bool {
        guard let end = index(of: .end(first)), let start = index(of: .start(second)) else { return false }
        return end < start
    }

    // MARK: Driver side

    func observe(_ addresses: [ResourceAddress], by driver: String) throws(ResourceErrors) -> [ResourceAddress: Observation] {
        observeCalls[driver, default: []].append(addresses)
        let failing = addresses.filter(observeFailures.contains)
        if !failing.isEmpty {
            throw ResourceErrors(failing.map {
                ResourceError(address: $0, code: .readFailed, message: "the fake fleet cannot read \($0)")
            })
        }
        var result: [ResourceAddress: Observation] = [:]
        for address in addresses where !silentAddresses.contains(address) {
            result[address] = live[address].map(Observation.present) ?? .absent
        }
        return result
    }

    func apply(_ change: Change, desired: DesiredResource?) async throws(ResourceError) -> ApplyOutcome {
        begin(change)
        defer { end(change) }
        let pause = delays[change.address] ?? delay
        if pause > .zero { try? await Task.sleep(for: pause) }
        if applyFailures.contains(change.address) {
            throw ResourceError(address: change.address, code: .applyFailed,
                                message: "the fake fleet refused to \(change.action.rawValue) it")
        }
        guard change.action != .delete else {
            live[change.address] = nil
            return ApplyOutcome(entry: nil, writes: 1)
        }
        guard let desired else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "no desired value to apply")
        }
        live[change.address] = desired.value
        var attributes = desired.attributes
        // As the Telegram driver does: the lane is kept so a later delete is serialised too.
        if let lane = desired.lane { attributes["lane"] = .string(lane) }
        var fingerprints: [String: String] = [:]
        for path in desired.sensitivePaths {
            fingerprints[path] = desired.value[path]?.stringValue ?? ""
        }
        let entry = InventoryEntry(address: change.address, fingerprints: fingerprints, attributes: attributes,
                                   dependsOn: desired.dependsOn)
        return ApplyOutcome(entry: entry, writes: max(1, change.fields.count))
    }

    private func begin(_ change: Change) {
        applied.append(change)
        events.append(.start(change.address))
        running += 1
        highWater = max(highWater, running)
        if let lane = change.lane {
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

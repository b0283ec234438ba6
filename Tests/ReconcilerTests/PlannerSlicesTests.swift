@testable import Reconciler
import Foundation
import Spec
import Synchronization
import Testing

/// The planner compares many observations on every core at once, and the plan is the same as on one.
@Suite("Planner: large parts are compared in slices, in order")
struct PlannerSlicesTests {
    @Test(arguments: [0, 1, 7, 999, 1_000, 1_999, 2_000, 2_001, 12_345])
    func everyElementIsTransformedOnceAndInOrder(count: Int) {
        let elements = Array(0..<count)
        let seen = Mutex([Int: Int]())
        let transformed = Planner.inSlices(elements, minimum: 1_000) { element in
            seen.withLock { $0[element, default: 0] += 1 }
            return "#\(element)"
        }
        #expect(transformed == elements.map { "#\($0)" })
        #expect(seen.withLock { $0.count == count && $0.values.allSatisfy { $0 == 1 } })
    }

    @Test func slicesAreOnePerProcessorAndNeverSmallerThanTheMinimum() {
        #expect(Planner.sliceCount(0, minimum: 1_000, processors: 2) == 1)
        #expect(Planner.sliceCount(1_999, minimum: 1_000, processors: 2) == 1)
        #expect(Planner.sliceCount(2_000, minimum: 1_000, processors: 2) == 2)
        #expect(Planner.sliceCount(12_000, minimum: 1_000, processors: 2) == 2)
        #expect(Planner.sliceCount(12_000, minimum: 1_000, processors: 1) == 1)
        #expect(Planner.sliceCount(5_500, minimum: 1_000, processors: 8) == 5)
        #expect(Planner.sliceCount(10, minimum: 0, processors: 4) == 4)
    }
}

/// A part big enough to be sliced plans each resource as a small one would, in address order.
@Suite("Planner: a part of thousands of resources")
struct PlannerLargePartTests {
    @Test func everyResourceGetsItsOwnActionInOrder() async throws {
        // 4,000 bots, a quarter each: converged, changed, absent live, owned and no longer declared.
        var live: [ResourceAddress: JSONValue] = [:], declared: [DesiredResource] = [], owned: [InventoryEntry] = []
        for index in 0..<4_000 {
            let address = Fixtures.bot(String(format: "b%05d", index))
            switch index % 4 {
            case 0: live[address] = Fixtures.named("same"); declared.append(Fixtures.resource(address, Fixtures.named("same")))
            case 1: live[address] = Fixtures.named("old"); declared.append(Fixtures.resource(address, Fixtures.named("new")))
            case 2: declared.append(Fixtures.resource(address, Fixtures.named("made")))
            default: live[address] = Fixtures.named("gone"); owned.append(Fixtures.owned(address))
            }
        }
        let driver = FakeDriver(resources: declared, fleet: FakeFleet(live: live))
        let store = MemoryStateStore(Fixtures.inventory(owned))
        let plan = try await Fixtures.session(Fixtures.state(maxDeletes: 2_000), store: store, drivers: [driver]).plan()

        #expect(plan.changes.map(\.address) == plan.changes.map(\.address).sorted())
        #expect(plan.changes.count == 4_000)
        let expected: [Action] = [.noOp, .update, .create, .delete]
        for (index, change) in plan.changes.enumerated() {
            #expect(change.address.name == String(format: "b%05d", index))
            #expect(change.action == expected[index % 4], "\(change.address)")
            if change.action == .update { #expect(change.fields == [FieldChange(path: "name", before: "old", after: "new")]) }
        }
    }
}

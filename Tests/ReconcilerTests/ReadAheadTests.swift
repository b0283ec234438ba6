import Reconciler
import Spec
import Synchronization
import Testing

/// A full plan asks a driver that owns something to begin its reads before its declarations are worked out, and
/// hands what it began to that driver's observe alone; a targeted plan, and a driver owning nothing, are never asked.
@Suite("Reads begun ahead: when a driver is asked, and where its read arrives", .timeLimit(.minutes(1)))
struct ReadAheadTests {
    let bot = Fixtures.bot("a"), hook = Fixtures.webhook("a")

    /// What the drivers were asked, in order, and what each observe found in its context.
    final class Log: Sendable {
        let events = Mutex<[String]>([])
        func add(_ event: String) { events.withLock { $0.append(event) } }
        var all: [String] { events.withLock { $0 } }
    }

    /// A driver whose read ahead gives its own name, and whose observe says what it found.
    struct ReadingDriver: Driver {
        let name: String
        let kinds: Set<ResourceKind>
        let resources: [DesiredResource]
        let log: Log

        func readAhead(context: DriverContext) -> ReadAhead? {
            log.add("\(name): read ahead")
            return ReadAhead { [name] in name }
        }

        func desired(in context: DriverContext) -> DesiredSet {
            log.add("\(name): desired")
            return DesiredSet(resources)
        }

        func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                     context: DriverContext) async -> Observations {
            let read = await context.readAhead?.value(as: String.self)
            let wrongType = await context.readAhead?.value(as: Int.self)
            log.add("\(name): observe found \(read ?? "nothing")" + (wrongType == nil ? "" : " and an Int"))
            return Observations(found: Dictionary(uniqueKeysWithValues: addresses.map { ($0, Observation.absent) }))
        }

        func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
            ApplyOutcome(entry: nil, writes: 0)
        }
    }

    func context(_ inventory: Inventory, revision: String? = nil) -> DriverContext {
        DriverContext(state: Fixtures.state(revision: revision), inventory: inventory, secrets: SecretResolver(environment: [:]),
                      logger: .init(label: "test"))
    }

    func drivers(_ log: Log) -> [any Driver] {
        [ReadingDriver(name: "telegram", kinds: [.bot], resources: [Fixtures.resource(bot, Fixtures.named("a"))], log: log),
         ReadingDriver(name: "docker", kinds: [.webhook], resources: [Fixtures.resource(hook, Fixtures.named("a"))], log: log)]
    }

    @Test func aDriverThatOwnsSomethingBeginsBeforeItsDeclarationsAndItsObserveGetsItsOwnRead() async {
        let log = Log()
        let inventory = Fixtures.inventory([Fixtures.owned(bot), Fixtures.owned(hook)])
        let plan = await Planner(drivers: drivers(log)).plan(context: context(inventory)).plan
        #expect(plan.changes.map(\.action) == [.create, .create])
        let events = log.all
        for name in ["telegram", "docker"] {
            let asked = events.firstIndex(of: "\(name): read ahead"), declared = events.firstIndex(of: "\(name): desired")
            #expect(asked != nil && declared != nil && asked! < declared!, "\(events)")
            #expect(events.filter { $0 == "\(name): read ahead" }.count == 1)
            #expect(events.contains("\(name): observe found \(name)"), "\(events)")
        }
    }

    @Test func aDriverThatOwnsNothingIsNotAskedAndItsObserveFindsNothing() async {
        let log = Log()
        let inventory = Fixtures.inventory([Fixtures.owned(bot)])
        _ = await Planner(drivers: drivers(log)).plan(context: context(inventory))
        let events = log.all
        #expect(events.contains("telegram: observe found telegram"), "\(events)")
        #expect(!events.contains("docker: read ahead"), "\(events)")
        #expect(events.contains("docker: observe found nothing"), "\(events)")
    }

    @Test func aTargetedPlanAsksNoDriverToReadAhead() async {
        let log = Log()
        let inventory = Fixtures.inventory([Fixtures.owned(bot), Fixtures.owned(hook)], revision: "a")
        _ = await Planner(drivers: drivers(log)).plan(context: context(inventory, revision: "b"), baseline: Fixtures.state(revision: "a"))
        #expect(!log.all.contains { $0.hasSuffix("read ahead") }, "\(log.all)")
    }
}

import Reconciler
import Spec
import Synchronization
import Testing

/// Each change of an apply is told to the progress handler once, as it settles, counting up to the total.
@Suite("Apply progress", .timeLimit(.minutes(1)))
struct ApplyProgressTests {
    let a = Fixtures.bot("a"), b = Fixtures.bot("b"), w = Fixtures.webhook("w"), c = Fixtures.container("c")

    @Test func everyChangeSettlesOnceWithFailuresAndSkipsAmongThem() async throws {
        let fleet = FakeFleet()
        await fleet.failApply(a)
        let driver = FakeDriver(resources: [Fixtures.resource(a, Fixtures.named("a")), Fixtures.resource(b, Fixtures.named("b")),
                                            Fixtures.resource(w, Fixtures.named("w"), dependsOn: [a]),
                                            Fixtures.resource(c, Fixtures.named("c"))], fleet: fleet)
        let session = Fixtures.session(Fixtures.state(revision: "r2"), store: MemoryStateStore(Fixtures.inventory([])), drivers: [driver])
        let seen = Mutex<[ApplyProgress]>([])
        _ = try await session.apply(progress: { progress in seen.withLock { $0.append(progress) } }, approve: { _ in true })
        let progress = seen.withLock { $0 }
        #expect(progress.map(\.done) == [1, 2, 3, 4])
        #expect(progress.allSatisfy { $0.total == 4 })
        #expect(Set(progress.map(\.address)) == [a, b, w, c], "each change once")
        let lines = Dictionary(uniqueKeysWithValues: progress.map { ($0.address, $0.line) })
        #expect(lines[b]?.hasSuffix("\(b): created") == true, "\(lines)")
        #expect(lines[w]?.hasSuffix("\(w): skipped (\(a) did not apply)") == true, "\(lines)")
        #expect(lines[a]?.contains("\(a): failed: ") == true, "\(lines)")
        #expect(progress.firstIndex { $0.address == w }! > progress.firstIndex { $0.address == a }!, "a skip follows its cause")
    }

    @Test func linesAlignTheirCount() {
        let line = ApplyProgress(done: 7, total: 120, address: ResourceAddress(.bot, "alpha"), action: .update,
                                 outcome: .applied(writes: 2)).line
        #expect(line == "[  7/120] Bot/alpha: updated")
    }
}

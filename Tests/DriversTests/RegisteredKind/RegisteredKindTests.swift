import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// A kind that botops does not ship, registered by the tests with its own driver, goes through the
/// whole life of a resource with no code outside its folder: validate, plan, apply, history, prune.
@Suite("A registered kind: validate, plan, apply and history with no code outside its folder", .timeLimit(.minutes(5)))
struct RegisteredKindTests {
    static let project = """
        apiVersion: botops/v1
        kind: Project
        metadata: {name: notes}
        """

    static func note(_ name: String, _ text: String, extra: String = "") -> String {
        "---\napiVersion: botops/v1\nkind: Note\nmetadata: {name: \(name)}\nspec: {text: \"\(text)\"\(extra)}\n"
    }

    /// A configuration folder holding the Project and `notes`.
    static func folder(_ notes: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-kind-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/fleet", withIntermediateDirectories: true)
        try project.write(toFile: folder + "/fleet/botops.yaml", atomically: true, encoding: .utf8)
        try notes.write(toFile: folder + "/fleet/notes.yaml", atomically: true, encoding: .utf8)
        return folder
    }

    @Test func validateReportsTheKindsOwnProblemsAtTheirPlaces() throws {
        let folder = try Self.folder(Self.note("hello", "hi", extra: ", colour: red")
            + Self.note("long", String(repeating: "x", count: 41))
            + Self.note("lost", "where", extra: ", bot: ghost")
            + Self.note("again", "hi"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try SpecLoader(kinds: .withNotes).load(from: DirectorySource(root: folder + "/fleet"))
        #expect(result.state == nil)
        let found = result.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code) \($0.message)" }
        #expect(found.contains("5:20 unknown-field unknown field 'colour' in 'spec'"), "\(found)")
        #expect(found.contains("10:14 invalid-value a note holds at most 40 characters, not 41"), "\(found)")
        #expect(found.contains("15:28 dangling-reference Note/lost refers to Bot/ghost, which is not defined"), "\(found)")
        #expect(found.contains("19:18 duplicate Note/again says what Note/hello says"), "\(found)")
        #expect(found.count == 4, "\(found)")

        // botops' own registry does not know the kind, and says which it does know.
        let standard = try SpecLoader().load(from: DirectorySource(root: folder + "/fleet"))
        #expect(standard.diagnostics.first?.message
                    == "unknown kind 'Note'; expected one of Project, Bot, Webhook, Channel, Container, Schedule, Booster; did you mean 'Bot'?")
        let registered = SpecLoader(kinds: .withNotes).load(files: [SourceFile(path: "x.yaml", text: """
            apiVersion: botops/v1
            kind: Nte
            metadata: {name: x}
            spec: {}
            """)])
        #expect(registered.diagnostics.map(\.message).contains("unknown kind 'Nte'; expected one of Project, Bot, Webhook, "
                    + "Channel, Container, Note, Schedule, Booster; did you mean 'Note'?"), "\(registered.diagnostics)")
    }

    @Test func itsRankPlacesItInPlans() {
        let sorted = [ResourceAddress(.schedule, "a"), ResourceAddress(.note, "z"), ResourceAddress(.container, "b"),
                      ResourceAddress(.note, "m")].sorted()
        #expect(sorted.map(\.description) == ["Container/b", "Note/m", "Note/z", "Schedule/a"])
    }

    @Test func planApplyHistoryAndPruneGoThroughItsDriver() async throws {
        let folder = try Self.folder(Self.note("hello", "hi") + Self.note("bye", "see you"))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let board = NoteBoard()
        let catalog = DriverCatalog(kinds: .withNotes, drivers: [NoteDriver(board: board)])
        defer { Task { try? await catalog.shutdown() } }
        let session = FleetSession(catalog: catalog, secrets: SecretResolver(environment: [:]))
        let request = FleetSession.Request(source: DirectorySource(root: folder + "/fleet"), state: "file:\(folder)/state.json")

        let planned = try await session.plan(request)
        guard case let .planned(plan) = planned else { Issue.record("expected changes, got \(planned)"); return }
        #expect(plan.changes.map { "\($0.action) \($0.address)" } == ["create Note/bye", "create Note/hello"])
        #expect(TextPlanRenderer().render(plan).contains("+ Note/hello"))
        // A saved plan is read back with the same kinds, and refused by a botops that lacks them.
        let saved = try JSONPlanRenderer().render(plan)
        #expect(try JSONPlanRenderer(kinds: .withNotes).parse(Data(saved.utf8)).changes.map(\.address) == plan.changes.map(\.address))
        #expect(throws: (any Error).self) { try JSONPlanRenderer().parse(Data(saved.utf8)) }

        let applied = try await session.apply(request) { _ in true }
        guard case .applied = applied else { Issue.record("expected an apply, got \(applied)"); return }
        #expect(board.contents == ["hello": "hi", "bye": "see you"])
        guard case .noChanges = try await session.plan(request) else { Issue.record("a converged note plans nothing"); return }

        try (Self.note("hello", "hello again")).write(toFile: folder + "/fleet/notes.yaml", atomically: true, encoding: .utf8)
        let changed = try await session.apply(request) { _ in true }
        #expect(changed.plan.changes.filter { $0.action != .noOp }.map { "\($0.action) \($0.address)" }
                    == ["delete Note/bye", "update Note/hello"])
        #expect(board.contents == ["hello": "hello again"])

        let store = try FleetSession.store(of: request.source, override: request.state, kinds: .withNotes)
        let history = try await store.history(limit: 10)
        #expect(history.map(\.result) == [.succeeded, .succeeded])
        let text = HistoryRenderer().text(history, changes: true)
        #expect(text.contains("Note/hello update: applied") && text.contains("Note/bye delete: applied")
                    && text.contains("Note/hello create: applied"), "\(text)")
        #expect(try await store.load().resources.keys.sorted() == [ResourceAddress(.note, "hello")])
    }
}

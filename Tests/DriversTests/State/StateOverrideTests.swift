import Drivers
import Reconciler
import Spec
import Testing

/// `--state` is read once into what it names; every command and the session take it from there.
@Suite("--state: file:PATH, postgres or a database URL, and nothing else")
struct StateOverrideTests {
    @Test func eachFormReadsAsWhatItNames() {
        #expect(StateOverride(parsing: "file:.botops/other.json") == .file(path: ".botops/other.json"))
        #expect(StateOverride(parsing: "file:") == .file(path: ""))
        #expect(StateOverride(parsing: "postgres") == .projectDatabase)
        #expect(StateOverride(parsing: "postgres://u@db/botops") == .url("postgres://u@db/botops"))
        #expect(StateOverride(parsing: "postgresql://u@db/botops") == .url("postgresql://u@db/botops"))
    }

    @Test func anythingElseIsNone() {
        for text in ["", "state.json", "Postgres", "postgres:", "postgres:/db", "mysql://db", "FILE:x"] {
            #expect(StateOverride(parsing: text) == nil, "\(text)")
        }
    }

    @Test func aSessionRefusesAnOverrideThatNamesNoStore() {
        let error = #expect(throws: SessionError.self) {
            try FleetSession.store(for: nil, source: DirectorySource(root: "."), override: "mysql://db/botops")
        }
        #expect(error?.code == .stateUnavailable)
        #expect(error?.message == "--state takes file:PATH, postgres or postgres://...")
    }

    @Test func aSessionTakesTheFileAnOverrideNames() throws {
        let store = try FleetSession.store(for: nil, source: DirectorySource(root: "."), override: "file:/tmp/elsewhere.json")
        #expect((store as? FileStateStore)?.path == "/tmp/elsewhere.json")
    }
}

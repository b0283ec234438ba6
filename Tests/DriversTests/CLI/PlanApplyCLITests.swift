import Drivers
import Foundation
import Reconciler
import Sandbox
import Testing

@Suite("botops plan and apply on the command line", .timeLimit(.minutes(5)), .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct PlanApplyCLITests {
    @Test func detailedExitCodesSavedPlansAndUnattendedApply() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("webhooks/alpha.yaml", TelegramFleetHarness.webhookYAML("alpha"))
        let env = fleet.environment

        let changes = try await BotopsProcess.run(["plan", fleet.folder, "--detailed-exitcode"], environment: env)
        #expect(changes.status == 2, "\(changes.stderr)")
        #expect(changes.stdout.contains("# Webhook/alpha will be created"))
        #expect(changes.stdout.contains("Plan: 1 to add, 1 to change, 0 to destroy."))
        #expect(!changes.stdout.contains("\u{1B}["), "no colour when not on a terminal")
        #expect(!changes.stdout.contains("secret-alpha-1") && !changes.stderr.contains(fleet.tokens["alpha"]!))

        let refused = try await BotopsProcess.run(["apply", fleet.folder], environment: env)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("pass --auto-approve"))
        #expect(await fleet.writes().isEmpty)

        // Not under .botops/: a plan of a fresh state writes nothing there, not even the folder.
        let planFile = fleet.folder + "/plan.json"
        let saved = try await BotopsProcess.run(["plan", fleet.folder, "--format", "json", "--out", planFile], environment: env)
        #expect(saved.status == 0)
        let document = try JSONSerialization.jsonObject(with: Data(saved.stdout.utf8)) as? [String: Any]
        #expect(document?["formatVersion"] as? Int == 2)
        #expect(!FileManager.default.fileExists(atPath: fleet.folder + "/.botops"), "plan wrote no state")
        #expect((document?["summary"] as? [String: Int])?["create"] == 1)

        // Drift after the plan was saved: the saved plan is refused.
        try await fleet.callDirectly("alpha", "setMyName", #"{"name":"Changed by hand"}"#)
        let stale = try await BotopsProcess.run(["apply", fleet.folder, "--plan", planFile], environment: env)
        #expect(stale.status == 1)
        #expect(stale.stderr.contains("the saved plan is stale: Bot/alpha changed live since the plan was made"))

        _ = try await BotopsProcess.run(["plan", fleet.folder, "--out", planFile], environment: env)
        let applied = try await BotopsProcess.run(["apply", fleet.folder, "--plan", planFile], environment: env)
        #expect(applied.status == 0, "\(applied.stderr)")
        #expect(applied.stdout.contains("Apply complete! Resources: 1 added, 1 changed, 0 destroyed."))

        let converged = try await BotopsProcess.run(["plan", fleet.folder, "--detailed-exitcode"], environment: env)
        #expect(converged.status == 0)
        #expect(converged.stdout == "No changes. The live fleet matches the configuration.\n")

        let markdown = try await BotopsProcess.run(["plan", fleet.folder, "--format", "markdown"], environment: env)
        #expect(markdown.stdout.contains("**No changes.**"))
    }

    @Test func aFileThatIsNotAPlanIsReportedPlainly() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        try fleet.write("notes.txt", "{\"hello\": 1}")
        let result = try await BotopsProcess.run(["apply", fleet.folder, "--plan", fleet.folder + "/notes.txt"], environment: fleet.environment)
        #expect(result.status == 1)
        #expect(result.stderr == "botops: error: \(fleet.folder)/notes.txt is not a botops plan (make one with 'botops plan --out FILE')\n")
    }

    @Test func invalidConfigurationStopsBeforeAnyCall() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha").replacingOccurrences(of: "menuButton: commands", with: "menuButton: comands"))
        let result = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: fleet.environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bots/alpha.yaml:"))
        #expect(result.stderr.contains("did you mean 'commands'?"))
        #expect(await fleet.sandbox.calls().isEmpty)
    }

    @Test func aSecondApplyIsRefusedWhileTheLockIsHeldButAPlanRuns() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try fleet.write("bots/alpha.yaml", TelegramFleetHarness.botYAML("alpha"))
        let store = Drivers.FileStateStore(path: fleet.folder + "/.botops/state.json")
        let holder = try await LockHolder.hold(store)
        let blocked = try await BotopsProcess.run(["apply", fleet.folder, "--auto-approve"], environment: fleet.environment)
        // A plan needs no lock: CI plans while a daemon applies.
        let planned = try await BotopsProcess.run(["plan", fleet.folder, "--detailed-exitcode"], environment: fleet.environment)
        await holder.release()
        #expect(blocked.status == 1)
        #expect(blocked.stderr.contains("is locked by another botops run (pid \(getpid()) on "))
        #expect(blocked.stderr.contains("timer run since"))
        #expect(planned.status == 2, "\(planned.stderr)")
        #expect(planned.stdout.contains("Bot/alpha will be updated in-place"))
        #expect(await fleet.writes().isEmpty)
    }
}

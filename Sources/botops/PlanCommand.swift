import ArgumentParser
import Foundation
import Drivers
import Reconciler
import Spec

/// `botops plan`: shows what apply would change. Reads only: takes no lock and writes nothing.
struct PlanCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change, without changing anything.",
        discussion: """
            Takes no lock and writes nothing, so it runs while another run applies. \
            With --detailed-exitcode: 0 no changes, 1 error (or a partial plan), 2 changes.
            """
    )

    @OptionGroup var options: ReconcileOptions

    @Option(help: "Output format: text, json, markdown or github (the text plan and GitHub Actions annotations).")
    var format: PlanFormat = .text

    @Flag(help: "Exit 2 when there are changes, 0 when there are none, 1 on error.")
    var detailedExitcode = false

    @Option(help: "Also save the plan as JSON to this file, for apply --plan.")
    var out: String?

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        var (session, request) = try options.makeSession()
        // The digest is for a saved plan's check and the JSON plan; the other formats do not show it.
        request.options.digest = format == .json || out != nil
        let status = await plan(session: session, request: request)
        // Only closes idle connections on the way out; the command's result is already decided.
        try? await session.catalog.shutdown()
        if status != 0 { throw ExitCode(status) }
    }

    private func plan(session: FleetSession, request: FleetSession.Request) async -> Int32 {
        let result: SessionResult
        let state: DesiredState
        do throws(SessionError) {
            let run = try session.prepare(request)
            state = run.state
            result = try await run.plan()
        } catch {
            Terminal.failure(error, github: format == .github, pathPrefix: request.source.displayPrefix)
            return 1
        }
        let plan = result.plan
        do {
            Terminal.write(try format.render(plan, state: state, pathPrefix: request.source.displayPrefix))
            if let out {
                try JSONPlanRenderer().render(plan).write(toFile: out, atomically: true, encoding: .utf8)
            }
        } catch {
            Terminal.error("cannot write the plan: \(error)")
            return 1
        }
        Terminal.unknown(plan, pathPrefix: request.source.displayPrefix)
        if plan.isPartial || !plan.refusals.isEmpty { return 1 }
        return detailedExitcode && plan.hasChanges ? 2 : 0
    }
}

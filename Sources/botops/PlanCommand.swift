import ArgumentParser
import Foundation
import Reconciler

/// `botops plan`: shows what apply would change. Reads only.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what apply would change, without changing anything.",
        discussion: "With --detailed-exitcode: 0 no changes, 1 error, 2 changes."
    )

    @OptionGroup var options: ReconcileOptions

    @Option(help: "Output format: text, json or markdown.")
    var format: PlanFormat = .text

    @Flag(help: "Exit 2 when there are changes, 0 when there are none, 1 on error.")
    var detailedExitcode = false

    @Option(help: "Also save the plan as JSON to this file, for apply --plan.")
    var out: String?

    func run() async throws {
        let (session, pathPrefix) = try options.makeSession()
        let plan: Plan
        do {
            plan = try await session.plan(options: options.planOptions)
        } catch {
            Terminal.failure(error, pathPrefix: pathPrefix)
            throw ExitCode(1)
        }
        Terminal.write(try format.render(plan))
        if let out {
            try JSONPlanRenderer().render(plan).write(toFile: out, atomically: true, encoding: .utf8)
        }
        if !plan.refusals.isEmpty { throw ExitCode(1) }
        if detailedExitcode && plan.hasChanges { throw ExitCode(2) }
    }
}

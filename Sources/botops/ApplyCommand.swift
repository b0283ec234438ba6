import ArgumentParser
import Foundation
import Reconciler

/// `botops apply`: makes the live fleet match the configuration.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the live fleet match the configuration.",
        discussion: """
            Shows the plan and asks for confirmation on a terminal; --auto-approve skips the question. \
            With --plan FILE, applies exactly that saved plan, refusing it if the configuration or the live \
            state changed since it was made.
            """
    )

    @OptionGroup var options: ReconcileOptions

    @Option(help: "Apply this saved plan (from plan --out) instead of planning anew.")
    var plan: String?

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    func run() async throws {
        let (session, pathPrefix) = try options.makeSession()
        var saved: Plan?
        if let plan {
            guard let data = FileManager.default.contents(atPath: plan) else {
                Terminal.error("cannot read the plan file \(plan)")
                throw ExitCode(1)
            }
            do {
                saved = try JSONPlanRenderer().parse(data)
            } catch let error as PlanFormatError {
                Terminal.error("\(plan): \(error.message)")
                throw ExitCode(1)
            } catch {
                Terminal.error("\(plan) is not a botops plan (make one with 'botops plan --out FILE')")
                throw ExitCode(1)
            }
        }
        let autoApprove = self.autoApprove || saved != nil
        let interactive = isatty(STDIN_FILENO) == 1
        if !autoApprove && !interactive {
            Terminal.error("standard input is not a terminal; review the plan with 'botops plan' and pass --auto-approve")
            throw ExitCode(1)
        }
        let result: (Plan, ApplyReport?)
        do {
            result = try await session.apply(options: options.planOptions, saved: saved) { plan in
                Terminal.write(TextPlanRenderer(color: Terminal.useColor).render(plan))
                if autoApprove { return true }
                return Terminal.confirm("Do you want to perform these actions? Only 'yes' will be accepted: ")
            }
        } catch {
            Terminal.failure(error, pathPrefix: pathPrefix)
            throw ExitCode(1)
        }
        let (plan, report) = result
        if !plan.refusals.isEmpty {
            Terminal.write(TextPlanRenderer(color: Terminal.useColor).render(plan))
            Terminal.error("refused; nothing was changed")
            throw ExitCode(1)
        }
        guard let report else {
            if plan.hasChanges {
                Terminal.write("Apply cancelled; nothing was changed.\n")
            } else {
                Terminal.write("No changes. The live fleet matches the configuration.\n")
            }
            return
        }
        if !plan.hasChanges {
            Terminal.write("No changes. The live fleet matches the configuration.\n")
            return
        }
        // After a plan shown for approval, a blank line; a saved plan is applied without showing it again.
        Terminal.write((saved == nil ? "\n" : "") + ApplyReportRenderer().render(report, pathPrefix: pathPrefix))
        if !report.succeeded { throw ExitCode(1) }
    }
}

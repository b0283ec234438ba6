import ArgumentParser
import Foundation
import Drivers
import Reconciler
import Spec

/// `botops apply`: makes the live fleet match the configuration.
struct ApplyCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Make the live fleet match the configuration.",
        discussion: """
            Shows the plan and asks for confirmation on a terminal; --auto-approve skips the question. \
            With --plan FILE, applies exactly that saved plan, refusing it if the configuration or the live \
            state changed since it was made. An interrupt (Ctrl-C, SIGTERM) lets the changes in flight \
            finish, records them, and starts no more.
            """
    )

    @OptionGroup var options: ReconcileOptions

    @Option(help: "Apply this saved plan (from plan --out) instead of planning anew.")
    var plan: String?

    @Flag(help: "Apply without asking.")
    var autoApprove = false

    @Option(help: ArgumentHelp("How long to wait for another run's state lock (30s, 5m, or seconds); 0 fails at once.",
                               valueName: "duration"))
    var lockTimeout = DurationArgument(.zero, written: "0")

    func validate() throws {
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
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
        if !autoApprove && isatty(STDIN_FILENO) != 1 {
            Terminal.error("standard input is not a terminal; review the plan with 'botops plan' and pass --auto-approve")
            throw ExitCode(1)
        }
        var (session, request) = try options.makeSession()
        request.saved = saved
        // Only a saved plan is checked against the fresh plan's digest.
        request.options.digest = saved != nil
        request.lockTimeout = lockTimeout.duration
        let stop = StopSignal()
        let signals = InterruptSignals.forward(to: stop)
        let status = await apply(session: session, request: request, stop: stop, autoApprove: autoApprove)
        signals.cancel()
        // Only closes idle connections on the way out; the command's result is already decided.
        try? await session.catalog.shutdown()
        if status != 0 { throw ExitCode(status) }
    }

    private func apply(session: FleetSession, request: FleetSession.Request, stop: StopSignal, autoApprove: Bool) async -> Int32 {
        let pathPrefix = request.source.displayPrefix
        let result: SessionResult
        do throws(SessionError) {
            let run = try session.prepare(request)
            let progress = ProgressLine()
            defer { progress.finish() }
            result = try await run.apply(stop: stop, progress: progress.show) { plan in
                Terminal.write(TextPlanRenderer(color: Terminal.useColor).render(plan))
                Terminal.unknown(plan, pathPrefix: pathPrefix)
                if autoApprove { return true }
                return Terminal.confirm("Do you want to perform these actions? Only 'yes' will be accepted: ")
            }
        } catch {
            Terminal.failure(error)
            if error.code != .invalidConfiguration { Terminal.error("nothing was changed") }
            return 1
        }
        switch result {
        case let .refused(plan, _):
            Terminal.write(TextPlanRenderer(color: Terminal.useColor).render(plan))
            Terminal.unknown(plan, pathPrefix: pathPrefix)
            Terminal.error("refused; nothing was changed")
            return 1
        case .declined:
            Terminal.write("Apply cancelled; nothing was changed.\n")
            return 0
        case .noChanges, .planned:
            Terminal.write("No changes. The live fleet matches the configuration.\n")
            return 0
        case let .applied(_, report), let .cancelled(_, report):
            // After a plan shown for approval, a blank line; a saved plan is applied without showing it again.
            Terminal.write((request.saved == nil ? "\n" : "") + ApplyReportRenderer().render(report, pathPrefix: pathPrefix))
            return report.succeeded ? 0 : 1
        }
    }
}

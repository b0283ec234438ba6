import ArgumentParser
import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// Options shared by `plan` and `apply`.
struct ReconcileOptions: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("Where botops records what it owns: file:PATH.",
                               discussion: "Default: .botops/state.json in the configuration folder (in the current folder with --repo)."))
    var state: String?

    @Option(help: "Deletions allowed this run, overriding the Project's maxDeletes.")
    var allowDeletes: Int?

    @Flag(help: "Allow a run that declares nothing while botops owns resources.")
    var allowEmpty = false

    @Option(help: "Changes applied at the same time.")
    var parallelism = 10

    @Option(help: ArgumentHelp("Bot API base URL, overriding the Project's telegram.apiURL (or BOTOPS_TELEGRAM_API_URL).",
                               valueName: "url"))
    var telegramApiUrl: String?

    @Option(help: "Fleet-wide ceiling on Telegram calls per second.")
    var telegramRate: Double = 30

    @Flag(name: .shortAndLong, help: "Log each retry and call decision to standard error.")
    var verbose = false

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be 1 or more") }
        if let allowDeletes, allowDeletes < 0 { throw ValidationError("--allow-deletes must be 0 or more") }
        if let state, !state.hasPrefix("file:") {
            throw ValidationError("--state takes file:PATH")
        }
    }

    var planOptions: PlanOptions { PlanOptions(allowDeletes: allowDeletes, allowEmpty: allowEmpty) }

    /// Loads and validates the configuration; invalid configuration is reported like `validate` and stops the run.
    func loadState() throws -> (DesiredState, any ConfigSource) {
        let (result, configSource) = try source.load()
        guard let state = result.state else {
            FileHandle.standardError.write(Data(DiagnosticReport(result, pathPrefix: configSource.displayPrefix).text().utf8))
            Terminal.error("the configuration is invalid; nothing was planned")
            throw ExitCode(1)
        }
        return (state, configSource)
    }

    /// The session, and the prefix that turns the configuration's relative paths into paths from here.
    func makeSession() throws -> (ReconcileSession, pathPrefix: String) {
        let (desired, configSource) = try loadState()
        let logger = CommandLogging.logger(verbose: verbose)
        let unreconciled = [(desired.containers.count, "Container"), (desired.schedules.count, "Schedule"),
                            (desired.boosters.count, "Booster")].filter { $0.0 > 0 }
        if !unreconciled.isEmpty {
            let list = unreconciled.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: ", ")
            Terminal.note("\(list) validated but not reconciled: this version manages Bots and Webhooks")
        }
        let statePath: String
        if let state {
            statePath = String(state.dropFirst("file:".count))
        } else if let folder = configSource as? DirectorySource {
            statePath = folder.displayPrefix + ".botops/state.json"
        } else {
            statePath = ".botops/state.json"
        }
        let catalog = DriverCatalog(
            telegramAPIURL: telegramApiUrl ?? ProcessInfo.processInfo.environment["BOTOPS_TELEGRAM_API_URL"],
            telegramRequestsPerSecond: telegramRate)
        let session = ReconcileSession(state: desired, store: FileStateStore(path: statePath),
                                       drivers: catalog.drivers(for: desired.project, logger: logger),
                                       logger: logger, parallelism: parallelism)
        return (session, configSource.displayPrefix)
    }
}

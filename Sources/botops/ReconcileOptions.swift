import ArgumentParser
import Drivers
import Foundation
import Logging
import Reconciler
import Spec

/// Options shared by `plan` and `apply`.
struct ReconcileOptions: ParsableArguments {
    @OptionGroup var source: SourceOptions

    @Option(help: ArgumentHelp("Where botops records what it owns: file:PATH, postgres (the Project's database) or postgres://URL.",
                               discussion: """
                                   Default: the Project's 'state' (file: .botops/state.json in the configuration folder, or in \
                                   the current folder with --repo). Prefer 'postgres' to a URL: it reads the URL from the \
                                   Project's secret reference, while a password on the command line is visible to other users.
                                   """))
    var state: String?

    @Option(help: "Deletions allowed this run, overriding the Project's maxDeletes.")
    var allowDeletes: Int?

    @Flag(help: "Allow a run that declares nothing while botops owns resources.")
    var allowEmpty = false

    @Flag(help: "Apply what could be read when some resources could not be (they are left alone).")
    var allowPartial = false

    @Option(help: "Reads and changes made at the same time.")
    var parallelism = 10

    @Option(help: ArgumentHelp("Bot API base URL, overriding the Project's telegram.apiURL (or BOTOPS_TELEGRAM_API_URL).",
                               valueName: "url"))
    var telegramApiUrl: String?

    @Option(help: "Each bot's pace of Telegram calls a second (Telegram's limits are per bot).")
    var telegramBotRate: Double = 30

    @Option(help: "Fleet-wide ceiling on Telegram calls a second; 0 means none.")
    var telegramRate: Double = 0

    @Option(help: ArgumentHelp("How long a connection attempt may take before the system counts as unreachable (5s, or seconds).",
                               valueName: "duration"))
    var connectTimeout = DurationArgument(.seconds(5), written: "5")

    @Option(help: ArgumentHelp("Take over a live object botops did not make (a container with the declared name), "
                               + "replacing it with the declared one. Repeatable.", valueName: "Kind/name"))
    var adopt: [String] = []

    @Option(help: ArgumentHelp("Docker engine of Containers when the Project declares no docker.engines (default: "
                               + "DOCKER_HOST, else unix:///var/run/docker.sock).", valueName: "unix:///path|tcp://host:port"))
    var dockerHost: String?

    @Flag(name: .shortAndLong, help: "Log each retry and call decision to standard error.")
    var verbose = false

    func validate() throws {
        guard parallelism >= 1 else { throw ValidationError("--parallelism must be 1 or more") }
        if let allowDeletes, allowDeletes < 0 { throw ValidationError("--allow-deletes must be 0 or more") }
        if let state, StateOverride(parsing: state) == nil {
            throw ValidationError("--state takes file:PATH, postgres or postgres://URL")
        }
        guard connectTimeout.duration > .zero else { throw ValidationError("--connect-timeout must be more than 0") }
        for text in adopt where ResourceAddress(parsing: text) == nil {
            throw ValidationError("--adopt takes Kind/name, such as Container/pingme, not '\(text)'")
        }
        if let dockerHost, !(dockerHost.hasPrefix("unix:///") || dockerHost.hasPrefix("tcp://")) {
            throw ValidationError("--docker-host takes unix:///path/to/docker.sock or tcp://host:port")
        }
    }

    var planOptions: PlanOptions {
        PlanOptions(allowDeletes: allowDeletes, allowEmpty: allowEmpty, allowPartial: allowPartial,
                    adopt: Set(adopt.compactMap { ResourceAddress(parsing: $0) }))
    }

    /// The session and the request for this command, and the prefix that turns the configuration's
    /// relative paths into paths from here. A source that cannot be opened ends the command.
    /// `recorder` hears of every request the drivers send (the daemon's metrics).
    func makeSession(recorder: (any CallRecorder)? = nil) throws -> (FleetSession, FleetSession.Request) {
        let configSource = try source.open()
        let catalog = DriverCatalog(
            telegramAPIURL: telegramApiUrl ?? ProcessInfo.processInfo.environment["BOTOPS_TELEGRAM_API_URL"],
            telegramPerBotPerSecond: telegramBotRate, telegramRequestsPerSecond: telegramRate,
            parallelism: parallelism, connectTimeout: .milliseconds(Int64(connectTimeout.seconds * 1000)),
            dockerHost: dockerHost ?? ProcessInfo.processInfo.environment["DOCKER_HOST"], recorder: recorder)
        let session = FleetSession(catalog: catalog, logger: CommandLogging.logger(verbose: verbose),
                                   limits: try source.limits())
        return (session, FleetSession.Request(source: configSource, state: state, options: planOptions))
    }
}

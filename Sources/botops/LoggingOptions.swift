import ArgumentParser

/// `--log-format`, which every command takes: how its messages on standard error look.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "How messages on standard error look: text, or json (one JSON object per line: time, level, label, message and fields, for log collectors).")
    var logFormat: Format = .text

}

/// A command that takes `--log-format`: its messages, logs and progress follow the format for the whole
/// of ``execute()``, which ``run()`` calls in that scope, so no command can forget to.
protocol LoggedCommand: AsyncParsableCommand {
    var logging: LoggingOptions { get }
    func execute() async throws
}

extension LoggedCommand {
    func run() async throws {
        try await Terminal.$json.withValue(logging.logFormat == .json) {
            try await execute()
        }
    }
}

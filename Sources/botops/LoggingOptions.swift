import ArgumentParser

/// `--log-format`, which every command takes: how its messages on standard error look.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "How messages on standard error look: text, or json (one JSON object per line: time, level, label, message and fields, for log collectors).")
    var logFormat: Format = .text

    /// Makes this command's messages, logs and progress follow the format. Call first thing in `run()`.
    func install() {
        Terminal.jsonMessages.store(logFormat == .json, ordering: .relaxed)
    }
}

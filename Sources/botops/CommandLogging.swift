import Logging

/// Log lines go to standard error, so standard output carries only the plan or the report.
enum CommandLogging {
    static func logger(verbose: Bool) -> Logger {
        let json = Terminal.json
        var logger = Logger(label: "botops") { label -> any LogHandler in
            json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}

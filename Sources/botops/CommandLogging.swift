import Logging

/// Log lines go to standard error, so standard output carries only the plan or the report.
enum CommandLogging {
    static func logger(verbose: Bool) -> Logger {
        var logger = Logger(label: "botops") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        return logger
    }
}

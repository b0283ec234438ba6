import ArgumentParser
import Foundation
import Logging
import Sandbox
import ServiceLifecycle

/// `botops sandbox telegram`: serves an in-memory emulation of the Bot API methods botops uses until
/// SIGINT or SIGTERM. Prints exactly one line to standard output once it accepts connections.
struct SandboxTelegramCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract: "Run an in-memory Telegram Bot API sandbox.",
        discussion: """
        Answers /bot<TOKEN>/<method> for the configured bots with the rules and error texts of the official \
        Bot API \(SandboxBotAPI.version).
        Controls: GET/DELETE /_sandbox/calls, GET/DELETE /_sandbox/messages (what bots sent), GET /_sandbox/stats, GET /_sandbox/healthz. See docs/sandbox.md.
        Once listening, prints 'botops sandbox: listening on http://HOST:PORT' to standard output.
        """
    )

    @Option(name: .customLong("bot"), help: ArgumentHelp("A bot the sandbox knows (repeatable).", valueName: "TOKEN[=username]"))
    var bots: [String] = []

    @Option(help: ArgumentHelp("File with one 'TOKEN username' per line; # starts a comment.", valueName: "path"))
    var botsFile: String?

    @Option(help: ArgumentHelp("Address to listen on; port 0 picks a free port.", valueName: "host:port"))
    var listen = "127.0.0.1:0"

    @Option(help: ArgumentHelp("Delay added to each Bot API call, e.g. 50ms or 1s.", valueName: "duration"))
    var latency = "0ms"

    @Option(help: ArgumentHelp("Probability (0...1) that a Bot API call gets an injected failure.", valueName: "p"))
    var failRate = 0.0

    @Option(help: ArgumentHelp("Failures to inject, comma-separated from 429, 500, drop, slow (carried out, answered after --slow-answer).",
                               valueName: "kinds"))
    var failKinds = "429,500,drop"

    @Option(help: ArgumentHelp("How long a 'slow' failure holds its answer, e.g. 35s: longer than the client waits.", valueName: "duration"))
    var slowAnswer = "35s"

    @Option(help: ArgumentHelp("retry_after of injected 429 answers, whole seconds (1s, 2, 1m).", valueName: "duration"))
    var retryAfter = DurationArgument(.seconds(1), written: "1")

    @Option(help: ArgumentHelp("Seed for reproducible failure injection.", valueName: "N"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Least time between two setWebhook calls with a URL for one bot, as Telegram enforces; 0 turns the limit off.",
                               valueName: "duration"))
    var webhookSetInterval = "1s"

    @Option(help: ArgumentHelp("Log level on standard error: trace, debug, info, notice, warning, error, critical.", valueName: "level"))
    var logLevel = "info"

    func validate() throws {
        // Telegram's retry_after is a whole number of seconds.
        guard retryAfter.duration >= .seconds(1), retryAfter.duration.components.attoseconds == 0 else {
            throw ValidationError("--retry-after takes whole seconds, at least 1 (1s, 2, 1m), not '\(retryAfter)'")
        }
        _ = try parsedInputs()
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let (configuration, address, level) = try parsedInputs()
        let json = Terminal.json
        var logger = Logger(label: "botops.sandbox") { label -> any LogHandler in
            json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
        }
        logger.logLevel = level
        let sandbox: RunningSandbox
        do {
            sandbox = try await RunningSandbox.start(configuration, host: address.host, port: address.port, logger: logger)
        } catch {
            Terminal.error("cannot listen on \(listen): \(error); pick another --listen address or port 0")
            throw ExitCode.failure
        }
        Terminal.write("botops sandbox: listening on \(sandbox.baseURL)\n")

        // The group does nothing but wait for SIGINT or SIGTERM; then the sandbox shuts down gracefully.
        let signals = ServiceGroup(
            services: [UntilShutdown()], gracefulShutdownSignals: [.sigint, .sigterm], cancellationSignals: [], logger: logger
        )
        try await signals.run()
        logger.info("shutting down")
        await sandbox.stop()
    }

    /// Every option checked and converted; errors become usage errors naming the option, never a token.
    private func parsedInputs() throws -> (SandboxConfiguration, (host: String, port: Int), Logger.Level) {
        do {
            let configuration = try makeConfiguration()
            let address = try Self.parseListen(listen)
            guard let level = Logger.Level(rawValue: logLevel.lowercased()) else {
                throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
            }
            return (configuration, address, level)
        } catch let error as SandboxConfigurationError {
            throw ValidationError(error.message)
        }
    }

    private func makeConfiguration() throws -> SandboxConfiguration {
        var bots = try self.bots.map(SandboxBot.parseOption)
        if let botsFile {
            let contents: String
            do {
                contents = try String(contentsOfFile: botsFile, encoding: .utf8)
            } catch {
                throw ValidationError("cannot read --bots-file \(botsFile): \(error.localizedDescription)")
            }
            bots += try SandboxBot.parseBotsFile(contents, path: botsFile)
        }
        var configuration = SandboxConfiguration(
            bots: bots,
            latency: try SandboxConfiguration.parseLatency(latency),
            failRate: failRate,
            failKinds: try SandboxFailure.parseList(failKinds),
            retryAfter: Int(retryAfter.duration.components.seconds),
            seed: seed,
            webhookSetInterval: try SandboxConfiguration.parseWebhookSetInterval(webhookSetInterval)
        )
        configuration.slowAnswer = try SandboxConfiguration.parseSlowAnswer(slowAnswer)
        try configuration.validate()
        return configuration
    }

    /// A service that returns when graceful shutdown is triggered.
    private struct UntilShutdown: Service {
        func run() async throws {
            try? await gracefulShutdown()
        }
    }

    /// Splits `host:port`; IPv6 hosts are written in brackets, `[::1]:8081`.
    static func parseListen(_ text: String) throws -> (host: String, port: Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
              (0...65535).contains(port) else {
            throw SandboxConfigurationError(
                code: .invalidListenAddress, message: "--listen must be host:port with a port from 0 to 65535, got '\(text)'"
            )
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else {
            throw SandboxConfigurationError(code: .invalidListenAddress, message: "--listen needs a host, e.g. 127.0.0.1:0")
        }
        return (host, port)
    }
}

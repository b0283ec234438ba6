import Foundation

/// Resolves secret references to their values, only when a command needs them.
///
/// Values are returned to the caller and never logged or kept; errors name the reference
/// (`env:NAME`), never a value.
public struct SecretResolver: Sendable {
    /// Why a secret could not be resolved.
    public struct ResolutionError: Error, Sendable, Hashable, CustomStringConvertible {
        public let reference: SecretReference
        public let message: String
        public var description: String { "\(reference.location): \(message)" }
        /// The same problem as a diagnostic at the reference's location.
        public var diagnostic: Diagnostic { Diagnostic(.error, .unresolvedSecret, at: reference.location, message) }
    }

    private let environment: [String: String]

    /// - Parameter environment: the variables `fromEnv` reads; the process environment by default.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func resolve(_ reference: SecretReference) throws(ResolutionError) -> String {
        switch reference.origin {
        case let .environment(name):
            guard let value = environment[name] else {
                throw ResolutionError(reference: reference,
                    message: "environment variable \(name) is not set; export it before running botops")
            }
            guard !value.isEmpty else {
                throw ResolutionError(reference: reference, message: "environment variable \(name) is empty")
            }
            return value
        case let .file(path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ResolutionError(reference: reference, message: "secret file \(path) cannot be read; check that it exists and is readable")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ResolutionError(reference: reference, message: "secret file \(path) is not UTF-8 text")
            }
            let value = text.hasSuffix("\r\n") ? String(text.dropLast(2)) : text.hasSuffix("\n") ? String(text.dropLast()) : text
            guard !value.isEmpty else {
                throw ResolutionError(reference: reference, message: "secret file \(path) is empty")
            }
            return value
        }
    }

    /// Resolves every reference in `state` and checks the values Telegram will see (token shape,
    /// webhook secret characters and length), reporting each problem at its reference.
    public func check(_ state: DesiredState) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func attempt(_ reference: SecretReference) -> String? {
            do {
                return try resolve(reference)
            } catch {
                diagnostics.append(error.diagnostic)
                return nil
            }
        }
        for bot in state.bots {
            if let token = attempt(bot.token), !TelegramRules.looksLikeBotToken(token) {
                diagnostics.append(Diagnostic(.error, .unresolvedSecret, at: bot.token.location,
                    "\(bot.token) does not hold a bot token (expected <digits>:<30 or more of A-Z a-z 0-9 _ ->)"))
            }
        }
        for webhook in state.webhooks {
            if let reference = webhook.secretToken, let secret = attempt(reference), !TelegramRules.isValidSecretToken(secret) {
                diagnostics.append(Diagnostic(.error, .telegramLimit, at: reference.location,
                    "\(reference) must be 1-256 characters of A-Z, a-z, 0-9, _ and -; Telegram refuses other secret tokens"))
            }
        }
        for container in state.containers {
            for case let .secret(reference) in container.environment.values {
                _ = attempt(reference)
            }
        }
        if let url = state.project.postgresURL { _ = attempt(url) }
        return diagnostics.sorted()
    }
}

import Spec

/// A run that could not plan at all, classified so a daemon knows whether to retry.
public struct SessionError: Error, Sendable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The configuration has errors (see ``SessionError/diagnostics``). Terminal.
        public static let invalidConfiguration = Code(rawValue: "invalid-configuration")
        /// The configuration could not be read at all (a missing folder, an unknown revision). Terminal.
        public static let sourceUnavailable = Code(rawValue: "source-unavailable")
        /// Another run holds the state lock. Worth retrying.
        public static let lockBusy = Code(rawValue: "lock-busy")
        /// The state could not be read or written. Worth retrying.
        public static let stateUnavailable = Code(rawValue: "state-unavailable")
        /// A saved plan no longer matches the configuration or the live systems. Terminal for that plan.
        public static let stalePlan = Code(rawValue: "stale-plan")
        /// The resource an imperative command names is not botops' (not in the state, or not marked live).
        public static let notOwned = Code(rawValue: "not-owned")
        /// The live system refused or failed the imperative command.
        public static let commandFailed = Code(rawValue: "command-failed")
    }

    public let code: Code
    /// What happened and what to do. Never contains a secret.
    public let message: String
    /// The configuration's problems, for ``Code/invalidConfiguration``.
    public let diagnostics: DiagnosticReport?

    public init(_ code: Code, _ message: String, diagnostics: DiagnosticReport? = nil) {
        self.code = code
        self.message = message
        self.diagnostics = diagnostics
    }

    /// Waiting will not help: a new commit (or a new secret, or a new plan) is needed.
    public var isTerminal: Bool {
        code == .invalidConfiguration || code == .sourceUnavailable || code == .stalePlan || code == .notOwned
    }

    public var description: String { message }
}

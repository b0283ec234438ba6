import Spec

/// A failure that concerns one resource: reading it, resolving its secret, or applying it.
public struct ResourceError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The live system could not be read; nothing was planned.
        public static let readFailed = Code(rawValue: "read-failed")
        /// The credentials were refused (Telegram's 401 for a token).
        public static let unauthorized = Code(rawValue: "unauthorized")
        /// A secret reference could not be resolved.
        public static let secretUnavailable = Code(rawValue: "secret-unavailable")
        /// The live system refused a write.
        public static let applyFailed = Code(rawValue: "apply-failed")
        /// A dependency failed, so this resource was not attempted.
        public static let skipped = Code(rawValue: "skipped")
        /// The live system did not answer at all (connection refused or timed out): every resource
        /// on it is unknown this run.
        public static let unreachable = Code(rawValue: "unreachable")
        /// Not planned because a resource it is tied to could not be read.
        public static let heldBack = Code(rawValue: "held-back")
        /// Nothing says where the live system is (a Schedule without `spec.postgres.url`).
        public static let notConfigured = Code(rawValue: "not-configured")
        /// The live object with this name belongs to someone else (no botops marker).
        public static let conflict = Code(rawValue: "conflict")

        /// Waiting will not help: the configuration or a credential must change (a new commit, a
        /// new secret). A daemon reports it and waits for the next revision instead of retrying.
        public var isTerminal: Bool { [.unauthorized, .secretUnavailable, .notConfigured, .conflict].contains(self) }
    }

    public let address: ResourceAddress
    public let code: Code
    /// What happened and what to do. Never contains a secret.
    public let message: String
    /// Where the resource (or the secret reference) is declared, when known.
    public let location: SourceLocation?
    /// The live system that did not answer, when that is why (code `unreachable`): what groups the
    /// resources it held back. Renderers group by it, never by the message.
    public let endpoint: EndpointFailure?

    public init(address: ResourceAddress, code: Code, message: String, location: SourceLocation? = nil,
                endpoint: EndpointFailure? = nil) {
        self.address = address
        self.code = code
        self.message = message
        self.location = location
        self.endpoint = endpoint
    }

    /// `address` is unknown because `endpoint` did not answer.
    public init(address: ResourceAddress, unreachable endpoint: EndpointFailure, location: SourceLocation? = nil) {
        self.init(address: address, code: .unreachable, message: endpoint.message, location: location, endpoint: endpoint)
    }

    /// The same failure told of `address` (another resource it held back) at `location`.
    public func telling(_ address: ResourceAddress, at location: SourceLocation?) -> ResourceError {
        ResourceError(address: address, code: code, message: message, location: location, endpoint: endpoint)
    }

    public var description: String {
        (location.map { "\($0): " } ?? "") + "\(address): \(message)"
    }
}

/// Several resources failed; each is listed.
public struct ResourceErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [ResourceError]
    public init(_ errors: [ResourceError]) { self.errors = errors.sorted { $0.address < $1.address } }
    public var description: String { errors.map(\.description).joined(separator: "\n") }
}

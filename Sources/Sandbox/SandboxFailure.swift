import Foundation

/// A kind of failure the sandbox injects into Bot API calls when `failRate` is above zero.
public enum SandboxFailure: String, Sendable, CaseIterable, Hashable, Codable {
    /// `429 Too Many Requests` with `retry_after`; later calls for the same bot inside the window are
    /// answered 429 again and counted as retry-after violations.
    case tooManyRequests = "429"
    /// `500 Internal Server Error`.
    case serverError = "500"
    /// The TCP connection is closed without any response.
    case drop
    /// The call is carried out, but its answer comes only after ``SandboxConfiguration/slowAnswer``, longer
    /// than a client waits: the client cannot tell whether it happened, and must be able to ask again.
    case slow

    /// The kinds injected unless others are named: those a client sees at once.
    public static let quick: Set<SandboxFailure> = [.tooManyRequests, .serverError, .drop]

    /// Parses a comma-separated list such as `429,500,drop,slow`.
    ///
    /// - Throws: ``SandboxConfigurationError`` naming the unknown kind.
    public static func parseList(_ text: String) throws -> Set<SandboxFailure> {
        var kinds = Set<SandboxFailure>()
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let kind = SandboxFailure(rawValue: name.lowercased()) else {
                throw SandboxConfigurationError(
                    code: .invalidFailureKind,
                    message: "unknown failure kind '\(name)'; use 429, 500, drop or slow"
                )
            }
            kinds.insert(kind)
        }
        guard !kinds.isEmpty else {
            throw SandboxConfigurationError(code: .invalidFailureKind, message: "no failure kinds given; use 429, 500, drop or slow")
        }
        return kinds
    }
}

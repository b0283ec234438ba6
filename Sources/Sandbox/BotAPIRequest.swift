import Foundation

/// A `/bot<token>/<method>` request, decoded and timestamped on arrival.
struct BotAPIRequest: Sendable {
    /// The token segment of the path, exactly as requested (a secret: never log it).
    var token: String
    /// The method segment as requested.
    var methodName: String
    /// The decoded parameters, or the error decoding them produced.
    var arguments: Result<MethodArguments, SandboxAPIError>
    /// Arrival on the monotonic clock, for flood control.
    var arrival: ContinuousClock.Instant
    /// Arrival on the wall clock, for the call log.
    var receivedAt: Date
}

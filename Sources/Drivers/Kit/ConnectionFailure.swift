/// Why a request got no answer, read once from the HTTP client's error, whose own texts are long and
/// nest their parentheses. Clients decide from ``kind`` (whether the endpoint counts as down) and
/// show ``text``.
struct ConnectionFailure: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case refused
        case timedOut
        case noSocket
        case unknownHost
        case tlsHandshake
        /// Connected, but the answer did not come in time.
        case noAnswerInTime
        case closed
        case reset
        /// Anything else, in the client's own words.
        case other
    }

    let kind: Kind
    /// For people: `connection refused`.
    let text: String

    /// `peer` names the other side in a closed connection's text (`the engine`, `the server`); `mask`
    /// removes what must never be shown (a bot token in a URL).
    init(_ error: any Error, peer: String = "the server", mask: (String) -> String = { $0 }) {
        let described = mask(String(describing: error))
        let known: [(String, Kind, String)] = [
            ("Connection refused", .refused, "connection refused"), ("connectTimeout", .timedOut, "connection timed out"),
            ("connectionTimedOut", .timedOut, "connection timed out"), ("Connection timed out", .timedOut, "connection timed out"),
            ("timedOut", .timedOut, "connection timed out"),
            ("No such file or directory", .noSocket, "no such socket"), ("deadlineExceeded", .noAnswerInTime, "no answer in time"),
            ("remoteConnectionClosed", .closed, "\(peer) closed the connection"), ("Connection reset", .reset, "connection reset"),
            ("NXDOMAIN", .unknownHost, "unknown host"), ("Name or service not known", .unknownHost, "unknown host"),
            ("handshakeFailed", .tlsHandshake, "TLS handshake failed"), ("NIOSSL", .tlsHandshake, "TLS handshake failed"),
        ]
        // Case aside: NIO spells the same failure `Connection refused` in one place and `connection refused` in another.
        let lowered = described.lowercased()
        let match = known.first { lowered.contains($0.0.lowercased()) }
        kind = match?.1 ?? .other
        text = match?.2 ?? described
    }
}

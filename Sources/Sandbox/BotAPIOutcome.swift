/// What to do with a Bot API request.
enum BotAPIOutcome: Sendable, Equatable {
    /// Answer with this HTTP status and body; `retryAfter` also sets the `Retry-After` header.
    case answer(status: Int, body: SandboxJSON, retryAfter: Int?)
    /// Close the connection without answering.
    case drop
    /// The same answer, held back this long (an injected `slow` failure: the call was carried out).
    indirect case late(BotAPIOutcome, after: Duration)

    init(_ result: MethodResult) {
        self = .answer(status: 200, body: result.body, retryAfter: nil)
    }

    init(_ error: SandboxAPIError) {
        self = .answer(status: error.code, body: error.body, retryAfter: error.retryAfter)
    }

    /// The status recorded in the call log; 0 for a dropped connection.
    var status: Int {
        switch self {
        case .answer(let status, _, _): status
        case .drop: 0
        case .late(let answer, _): answer.status
        }
    }
}

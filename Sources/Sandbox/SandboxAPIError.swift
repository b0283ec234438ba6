/// A Bot API error answer: `{"ok":false,"error_code":code,"description":description}` with HTTP status `code`.
struct SandboxAPIError: Error, Sendable, Equatable {
    /// The HTTP status and `error_code`.
    var code: Int
    /// The full description, prefix included (`Bad Request: ...`).
    var description: String
    /// Seconds in `parameters.retry_after` and the `Retry-After` header (429 only).
    var retryAfter: Int?

    /// `400 Bad Request: <detail>`.
    static func badRequest(_ detail: String) -> SandboxAPIError {
        SandboxAPIError(code: 400, description: "Bad Request: \(detail)")
    }

    /// `401 Unauthorized`, for a well-formed token no bot has.
    static let unauthorized = SandboxAPIError(code: 401, description: "Unauthorized")

    /// `404 Not Found`, for malformed tokens, unknown methods and unknown paths.
    static let notFound = SandboxAPIError(code: 404, description: "Not Found")

    /// `500 Internal Server Error`.
    static let internalServerError = SandboxAPIError(code: 500, description: "Internal Server Error")

    /// `409 Conflict` from getUpdates while a webhook is set.
    static let webhookActive = SandboxAPIError(
        code: 409,
        description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"
    )

    /// `429 Too Many Requests: retry after N`.
    static func tooManyRequests(retryAfter: Int) -> SandboxAPIError {
        SandboxAPIError(code: 429, description: "Too Many Requests: retry after \(retryAfter)", retryAfter: retryAfter)
    }

    /// The error body the Bot API sends.
    var body: SandboxJSON {
        var members: [String: SandboxJSON] = [
            "ok": .bool(false),
            "error_code": .int(Int64(code)),
            "description": .string(description),
        ]
        if let retryAfter {
            members["parameters"] = .object(["retry_after": .int(Int64(retryAfter))])
        }
        return .object(members)
    }
}

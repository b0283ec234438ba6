/// The three per-language profile texts of a bot, with their parameter names, limits and errors.
enum ProfileText: String, Sendable, CaseIterable {
    case name
    case description
    case shortDescription = "short_description"

    /// The parameter of the setter and the member of the getter's result.
    var field: String { rawValue }

    /// Longest accepted value in Unicode characters, from the method documentation.
    var maxLength: Int {
        switch self {
        case .name: 64
        case .description: 512
        case .shortDescription: 120
        }
    }

    /// The error for a value over `maxLength`. Telegram checks these limits on its servers, outside the
    /// open-source Bot API server, so the exact live wording is not published; these are the sandbox's.
    var tooLongError: SandboxAPIError {
        switch self {
        case .name: .badRequest("bot name is too long")
        case .description: .badRequest("bot description is too long")
        case .shortDescription: .badRequest("bot short description is too long")
        }
    }
}

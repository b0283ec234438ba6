/// Removes bot tokens and webhook secrets from anything the sandbox records or logs.
enum TokenMasker {
    /// Replaces every token-shaped substring (`<digits>:<30+ of A-Z a-z 0-9 _ ->`) with `<digits>:***`,
    /// whether or not the token belongs to a configured bot.
    static func mask(_ text: String) -> String {
        guard text.contains(":") else { return text }
        return text.replacing(/([0-9]{1,20}):[A-Za-z0-9_\-]{30,}/) { match in "\(match.output.1):***" }
    }

    /// Masks tokens in every string of a JSON value.
    static func mask(_ value: SandboxJSON) -> SandboxJSON {
        switch value {
        case .string(let text): .string(mask(text))
        case .array(let elements): .array(elements.map(mask))
        case .object(let members): .object(members.mapValues(mask))
        default: value
        }
    }

    /// Call-log parameters: tokens masked everywhere and `secret_token` replaced by `***`.
    static func maskParameters(_ parameters: [String: SandboxJSON]) -> [String: SandboxJSON] {
        var masked = parameters.mapValues(mask)
        if masked["secret_token"] != nil { masked["secret_token"] = .string("***") }
        return masked
    }

    /// The token segment of a `/bot<token>/` path as it may be logged: `<id>:***`, or `***` when it has no id.
    static func maskPathToken(_ token: some StringProtocol) -> String {
        guard let colon = token.firstIndex(of: ":") else { return "***" }
        let digits = token[..<colon]
        guard !digits.isEmpty, digits.count <= 20, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return "***" }
        return "\(digits):***"
    }
}

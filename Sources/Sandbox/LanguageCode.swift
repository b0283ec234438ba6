/// The `language_code` rule shared by commands and profile texts: empty, or two lowercase letters.
enum LanguageCode {
    /// - Throws: `400 Bad Request: invalid language code specified` (TDLib's `validate_bot_language_code`).
    static func validate(_ code: String) throws(SandboxAPIError) {
        if code.isEmpty { return }
        let scalars = Array(code.unicodeScalars)
        guard scalars.count == 2, scalars.allSatisfy({ ("a"..."z").contains($0) }) else {
            throw .badRequest("invalid language code specified")
        }
    }
}

extension BotState {
    /// `setMyName`, `setMyDescription`, `setMyShortDescription`: sets the text for a language; an empty or
    /// missing value removes that language's text.
    mutating func setProfileText(_ kind: ProfileText, _ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let languageCode = arguments["language_code"]
        try LanguageCode.validate(languageCode)
        let value = arguments[kind.field]
        if value.unicodeScalars.count > kind.maxLength { throw kind.tooLongError }
        profileTexts[kind, default: [:]][languageCode] = value.isEmpty ? nil : value
        return .ok
    }

    /// `getMyName`, `getMyDescription`, `getMyShortDescription`: `{"<field>": text}`, `""` when the
    /// language has no text of its own.
    func getProfileText(_ kind: ProfileText, _ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let languageCode = arguments["language_code"]
        try LanguageCode.validate(languageCode)
        let value = profileTexts[kind]?[languageCode] ?? ""
        return MethodResult(.object([kind.field: .string(value)]))
    }
}

extension BotState {
    /// `setMyCommands`: replaces the list for (scope, language); an empty or missing list deletes it.
    /// Checks run in the Bot API server's order: commands JSON, scope, language code, then each command.
    mutating func setMyCommands(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let parsed = try BotCommandEntry.parseList(arguments["commands"])
        let key = try commandListKey(arguments)
        let entries = try BotCommandEntry.validated(parsed)
        commands[key] = entries.isEmpty ? nil : entries
        return .ok
    }

    /// `getMyCommands`: the list stored for exactly this (scope, language), `[]` when none.
    func getMyCommands(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let key = try commandListKey(arguments)
        return MethodResult(.array((commands[key] ?? []).map(\.json)))
    }

    /// `deleteMyCommands`: removes the list for (scope, language).
    mutating func deleteMyCommands(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let key = try commandListKey(arguments)
        commands[key] = nil
        return .ok
    }

    private func commandListKey(_ arguments: MethodArguments) throws(SandboxAPIError) -> CommandListKey {
        let scope = try BotCommandScopeKey.parse(arguments["scope"])
        let languageCode = arguments["language_code"]
        try LanguageCode.validate(languageCode)
        return CommandListKey(scope: scope, languageCode: languageCode)
    }
}

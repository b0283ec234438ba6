extension BotState {
    /// `setMyDefaultAdministratorRights`: replaces the group or channel rights; no `rights` clears them.
    mutating func setMyDefaultAdministratorRights(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        let rights = try AdministratorRights.parse(arguments["rights"])
        if arguments.bool("for_channels") {
            channelAdministratorRights = rights
        } else {
            groupAdministratorRights = rights
        }
        return .ok
    }

    /// `getMyDefaultAdministratorRights`: every `ChatAdministratorRights` field as a boolean.
    func getMyDefaultAdministratorRights(_ arguments: MethodArguments) -> MethodResult {
        let rights = arguments.bool("for_channels") ? channelAdministratorRights : groupAdministratorRights
        return MethodResult(rights.json)
    }
}

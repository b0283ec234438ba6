extension ResourceKind {
    /// A Channel's row in Postgres; derived from the Channel, never declared in YAML.
    public static let channelRecord = ResourceKind("ChannelRecord", rank: 65)
}

extension KindSpec {
    /// One row per Channel, where the Project has a database.
    public static let channelRecord = KindSpec(derived: .channelRecord) { state in
        guard state.project.postgresURL != nil else { return [] }
        let order = TelegramRules.administratorRightsFields
        return state.channels.map { channel in
            ChannelRecord(metadata: ResourceMetadata(name: channel.metadata.name, location: channel.metadata.location),
                          chat: channel.chat, bot: channel.bot,
                          rightsDeclared: channel.botRights.map(\.name).sorted {
                              (order.firstIndex(of: $0) ?? order.count) < (order.firstIndex(of: $1) ?? order.count)
                          }, title: channel.title)
        }
    }
}

extension DesiredState {
    public var channelRecords: [ChannelRecord] { all(ChannelRecord.self) }
}

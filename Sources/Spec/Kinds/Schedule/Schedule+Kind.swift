extension ResourceKind {
    public static let schedule = ResourceKind("Schedule", rank: 40)
}

extension Schedule: DeclaredResource {
    public static var kind: ResourceKind { .schedule }
    public var references: [SpecReference] { bot.map { [SpecReference(ResourceAddress(.bot, $0), key: "bot")] } ?? [] }
}

extension KindSpec {
    /// A recurring task kept as a row in Postgres.
    public static let schedule = KindSpec(kind: .schedule, referenceKeys: ["bot"],
        read: { spec, metadata in ScheduleDecoder(spec: spec, metadata: metadata).decode() })
}

extension DesiredState {
    public var schedules: [Schedule] { all(Schedule.self) }
}

extension ResourceKind {
    public static let booster = ResourceKind("Booster", rank: 50)
}

extension Booster: DeclaredResource {
    public static var kind: ResourceKind { .booster }
    public var references: [SpecReference] { bot.map { [SpecReference(ResourceAddress(.bot, $0), key: "bot")] } ?? [] }
}

extension KindSpec {
    /// A promotion campaign kept as a row in Postgres.
    public static let booster = KindSpec(kind: .booster, referenceKeys: ["bot", "channel"],
        read: { spec, metadata in BoosterDecoder(spec: spec, metadata: metadata).decode() })
}

extension DesiredState {
    public var boosters: [Booster] { all(Booster.self) }
}

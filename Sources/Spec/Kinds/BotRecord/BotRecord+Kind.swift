extension ResourceKind {
    /// A Bot's row in the registry botops keeps in Postgres for panels and workers; derived from the
    /// Bot, never declared in YAML.
    public static let botRecord = ResourceKind("BotRecord", rank: 60)
}

extension KindSpec {
    public static let botRecord = KindSpec(kind: .botRecord, read: nil)
}

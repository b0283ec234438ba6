extension ResourceKind {
    public static let project = ResourceKind("Project", rank: 0)
}

extension Project: DeclaredResource {
    public static var kind: ResourceKind { .project }
}

extension KindSpec {
    /// The fleet-wide settings; exactly one per configuration (the loader's own check), and every field
    /// has a default, so `spec` may be left out.
    public static let project = KindSpec(kind: .project, specOptional: true,
        read: { spec, metadata in ProjectDecoder(spec: spec, metadata: metadata).decode() },
        check: { resources, context in
            for case let project as Project in resources { checkNotificationBots(project, context) }
        })

    /// A Telegram notification is sent by one of the configuration's bots.
    private static func checkNotificationBots(_ project: Project, _ context: KindCheckContext) {
        let bots = context.names(of: .bot)
        for channel in project.notifications {
            guard case let .telegram(bot, _) = channel.destination, !bots.contains(bot) else { continue }
            context.error(.danglingReference, at: channel.botLocation ?? channel.location,
                "a notification of Project/\(project.metadata.name) is sent by Bot/\(bot), which is not defined"
                + Suggestion.phrase(for: bot, in: bots.sorted()))
        }
    }
}

import Reconciler
import Spec

extension PostgresDriver {
    public func desired(in context: DriverContext) -> DesiredSet {
        var resources: [DesiredResource] = []
        for schedule in context.declared(Schedule.self) {
            resources.append(DesiredResource(
                address: schedule.address, value: PostgresRows.schedule(schedule),
                dependsOn: schedule.metadata.dependsOn + schedule.references.map(\.address),
                batch: Self.batchKey, location: schedule.metadata.location, input: ScheduleInput(schedule: schedule)))
        }
        for booster in context.declared(Booster.self) {
            resources.append(DesiredResource(
                address: booster.address, value: PostgresRows.booster(booster),
                dependsOn: booster.metadata.dependsOn + booster.references.map(\.address),
                batch: Self.batchKey, location: booster.metadata.location, input: BoosterInput(booster: booster)))
        }
        var failures: [ResourceError] = []
        // The loader derives registry rows only where there is a database.
        for record in context.declared(BotRecord.self) {
            do throws(ResourceError) {
                resources.append(try botRecord(record, context: context))
            } catch {
                failures.append(error)
            }
        }
        for record in context.declared(ChannelRecord.self) {
            let channel = ResourceAddress(.channel, record.metadata.name)
            resources.append(DesiredResource(
                address: record.address,
                value: .object(["chat": .string(record.chat.description), "bot": .string(record.bot),
                                "rights_declared": .array(record.rightsDeclared.map(JSONValue.string))]
                    .merging(record.title.map { ["title": JSONValue.string($0)] } ?? [:]) { first, _ in first }),
                dependsOn: [channel], batch: Self.batchKey, location: record.metadata.location, reads: [channel]))
        }
        guard !resources.isEmpty, context.project.postgresURL == nil else { return DesiredSet(resources, failures: failures) }
        // Declared rows with nowhere to keep them: each is unknown, pointing at its declaration.
        return DesiredSet(failures: resources.map {
            ResourceError(address: $0.address, code: .notConfigured,
                          message: "\($0.address.kind.rawValue)s are kept in Postgres; set spec.postgres.url in the Project",
                          location: $0.location)
        })
    }

    /// The registry row of a bot. Its Telegram id is the number before the token's colon (a bot's public
    /// user id, not a secret); its username is Telegram's, read from the Bot's live details (see
    /// ``complete(_:reading:)``).
    func botRecord(_ record: BotRecord, context: DriverContext) throws(ResourceError) -> DesiredResource {
        let address = record.address
        let token = try context.resolve(record.token, for: address)
        guard let id = token.split(separator: ":").first.flatMap({ Int($0) }) else {
            throw ResourceError(address: address, code: .secretUnavailable,
                                message: "the token in \(record.token) is not a bot token (<id>:<secret>)", location: record.token.location)
        }
        return DesiredResource(
            address: address,
            value: .object([
                "telegram_id": .int(id),
                "delivery": record.webhook == nil ? "polling" : "webhook",
                "webhook_url": record.webhook.map { .string($0.url) } ?? .null,
                "container": record.container.map { .string($0.name) } ?? .null,
                "engine": record.container.map { .string($0.engine) } ?? .null,
            ]),
            dependsOn: record.references.map(\.address), batch: Self.batchKey,
            attributes: ["token": TelegramValues.referenceJSON(record.token)], location: record.metadata.location,
            reads: [ResourceAddress(.bot, record.metadata.name)])
    }

    /// A registry row takes the username Telegram reports for its bot; without it (the bot was not read)
    /// the username is neither compared nor written.
    public func complete(_ resource: DesiredResource, reading details: [ResourceAddress: JSONValue]) -> DesiredResource {
        if resource.address.kind == .channelRecord {
            guard var value = resource.value.objectValue,
                  let read = details[ResourceAddress(.channel, resource.address.name)]?.objectValue else { return resource }
            // A title the Channel writes stands: the one read before this run's apply may be about to change.
            for key in Self.channelFacts where value[key] == nil { value[key] = read[key == "rights_missing" ? "missing_rights" : key] ?? .null }
            return resource.with(value: .object(value))
        }
        guard resource.address.kind == .botRecord, var value = resource.value.objectValue,
              let username = details[ResourceAddress(.bot, resource.address.name)]?["username"]?.stringValue else { return resource }
        value["username"] = .string(username)
        return resource.with(value: .object(value))
    }

    /// What a channel row takes from its Channel's observation; without it (the chat was not read) they are
    /// neither compared nor written.
    static let channelFacts = ["chat_id", "username", "type", "title", "rights_missing"]
}

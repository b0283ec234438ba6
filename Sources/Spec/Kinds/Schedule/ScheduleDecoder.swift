import Foundation

/// Reads a `Schedule` spec: the cron expression and the zone it is read in.
struct ScheduleDecoder {
    let spec: MappingReader
    let metadata: ResourceMetadata
    var context: ReadContext { spec.context }

    func decode() -> Schedule? {
        spec.rejectUnknownKeys(["bot", "cron", "timezone", "task", "args", "enabled"])
        let bot = spec.nonEmptyString("bot", required: false)
        var cron: CronExpression?
        if let text = spec.string("cron", required: true) {
            do {
                cron = try CronExpression(parsing: text)
            } catch {
                context.sink.error(.invalidCron, at: spec.valueLocation("cron"), error.message)
            }
        }
        var timezone = "UTC"
        if let zone = spec.string("timezone") {
            if TimeZoneCatalog.isKnown(zone) {
                timezone = zone
            } else {
                context.sink.error(.unknownTimeZone, at: spec.valueLocation("timezone"),
                    "unknown time zone '\(zone)'; use an IANA name such as Europe/Moscow or America/New_York"
                    + Suggestion.phrase(for: zone, in: TimeZoneCatalog.suggestions(near: zone)))
            }
        }
        let task = spec.nonEmptyString("task")
        var args: [String: JSONValue] = [:]
        var metadata = metadata
        if spec.has("args") {
            if case let .object(fields)? = spec.json("args") {
                args = fields
                // Kept so a check across kinds (the chat no Channel declares) points at the value's own line.
                if let reader = spec.mapping("args"), reader.has(Schedule.channelArgument) {
                    metadata.referenceLocations["args.\(Schedule.channelArgument)"] = reader.valueLocation(Schedule.channelArgument)
                }
            } else {
                context.sink.error(.typeMismatch, at: spec.valueLocation("args"),
                    "'spec.args' must be a mapping, not \(spec.node("args")!.typeDescription)")
            }
        }
        let enabled = spec.bool("enabled") ?? true
        guard let cron, let task else { return nil }
        return Schedule(metadata: metadata, bot: bot, cron: cron, timezone: timezone, task: task, args: args, enabled: enabled)
    }
}

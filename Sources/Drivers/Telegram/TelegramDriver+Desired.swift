import Reconciler
import Spec

extension TelegramDriver {
    public func desired(in context: DriverContext) -> DesiredSet {
        var resources: [DesiredResource] = []
        var errors: [ResourceError] = []
        let bots = context.declared(Bot.self), webhooks = context.declared(Webhook.self)
        let botsWithWebhook = Set(webhooks.map(\.bot))
        let ownedWebhookBots = context.inventory.botsWithOwnedWebhook
        for bot in bots {
            let name = bot.metadata.name
            // A polling bot's stray webhook is the Bot's to delete, unless a Webhook botops owns is
            // already being deleted this run (that deletion does it).
            let managesPolling = !botsWithWebhook.contains(name) && !ownedWebhookBots.contains(name)
            resources.append(desiredBot(bot, managesPolling: managesPolling))
        }
        let botsByName = Dictionary(bots.map { ($0.metadata.name, $0) }, uniquingKeysWith: { first, _ in first })
        for webhook in webhooks {
            guard let bot = botsByName[webhook.bot] else { continue }
            do {
                resources.append(try desiredWebhook(webhook, bot: bot, context: context))
            } catch {
                errors.append(error)
            }
        }
        for channel in context.declared(Channel.self) {
            guard let bot = botsByName[channel.bot] else { continue }
            resources.append(desiredChannel(channel, bot: bot))
        }
        return DesiredSet(resources, failures: errors)
    }

    func desiredBot(_ bot: Bot, managesPolling: Bool) -> DesiredResource {
        var profile: [String: JSONValue] = [
            TelegramValues.defaultLanguage: TelegramValues.texts(
                name: bot.profile.texts.name, description: bot.profile.texts.description,
                shortDescription: bot.profile.texts.shortDescription),
        ]
        for (language, texts) in bot.profile.languages {
            let value = TelegramValues.texts(name: texts.name, description: texts.description, shortDescription: texts.shortDescription)
            if !TelegramValues.isEmptyTexts(value) { profile[language] = value }
        }
        var commands: [String: JSONValue] = [:]
        var scopes: [String: JSONValue] = [:]
        for set in bot.commands {
            let key = TelegramValues.commandKey(scope: set.scope.description, language: set.language)
            commands[key] = TelegramValues.commands(set.commands)
            scopes[key] = .object(["scope": TelegramValues.scopeJSON(set.scope), "language": .string(set.language ?? "")])
        }
        var value: [String: JSONValue] = [
            "profile": .object(profile),
            "commands": .object(commands),
            "menu_button": TelegramValues.menuButton(bot.menuButton),
            "administrator_rights": .object([
                "groups": TelegramValues.rights(bot.administratorRights.groups),
                "channels": TelegramValues.rights(bot.administratorRights.channels),
            ]),
        ]
        if managesPolling { value["webhook_url"] = "" }
        // Settings are managed only where written; the inventory remembers which, and the write-only values applied.
        var attributes: [String: JSONValue] = [:]
        if !bot.settings.values.isEmpty {
            value["settings"] = .object(Dictionary(uniqueKeysWithValues: bot.settings.values.map { ($0.key.parameter, $0.value) }))
            attributes["settings"] = .array(bot.settings.values.keys.map(\.parameter).sorted().map(JSONValue.string))
            let writeOnly = bot.settings.values.filter { !$0.key.isReadable }
            if !writeOnly.isEmpty {
                attributes["settingsApplied"] = .object(Dictionary(uniqueKeysWithValues: writeOnly.map { ($0.key.parameter, $0.value) }))
            }
        }
        if let photo = bot.profile.photo {
            value["photo"] = Self.photoValue(photo)
            attributes[Self.photoAttribute] = value["photo"]
        }
        return DesiredResource(
            address: ResourceAddress(.bot, bot.metadata.name), value: .object(value),
            dependsOn: bot.metadata.dependsOn, lane: TelegramDriver.lane(bot: bot.metadata.name),
            attributes: attributes.merging([
                "token": TelegramValues.referenceJSON(bot.token),
                "languages": .array(profile.keys.filter { $0 != TelegramValues.defaultLanguage }.sorted().map(JSONValue.string)),
                "commandScopes": .object(scopes),
            ]) { _, fixed in fixed },
            location: bot.metadata.location, input: BotInput(token: bot.token, photo: bot.profile.photo))
    }

    func desiredWebhook(_ webhook: Webhook, bot: Bot, context: DriverContext) throws(ResourceError) -> DesiredResource {
        let address = ResourceAddress(.webhook, webhook.metadata.name)
        var secret: JSONValue = ""
        if let reference = webhook.secretToken {
            // Write-only at Telegram: compared through a keyed fingerprint, never stored or shown.
            secret = .string(context.fingerprinter.fingerprint(try context.resolve(reference, for: address)))
        }
        var value: [String: JSONValue] = [
            "url": .string(webhook.url),
            "max_connections": .int(webhook.maxConnections ?? TelegramRules.defaultMaxConnections),
            // An empty list means Telegram's default set, as `setWebhook` reads it.
            "allowed_updates": webhook.allowedUpdates.flatMap { $0.isEmpty ? nil : TelegramValues.sortedUpdates($0) }
                ?? TelegramValues.defaultUpdates,
            "secret_token": secret,
        ]
        // Absent unless pinned, on both sides, so an unpinned webhook shows no empty field.
        if let ip = webhook.ipAddress { value["ip_address"] = .string(ip) }
        return DesiredResource(
            address: address, value: .object(value), sensitivePaths: ["secret_token"],
            dependsOn: Array(Set(webhook.metadata.dependsOn + [ResourceAddress(.bot, bot.metadata.name)])).sorted(),
            lane: TelegramDriver.lane(bot: bot.metadata.name),
            attributes: ["bot": .string(bot.metadata.name), "token": TelegramValues.referenceJSON(bot.token)],
            location: webhook.metadata.location,
            input: WebhookInput(token: bot.token, secretToken: webhook.secretToken, dropPendingUpdates: webhook.dropPendingUpdates))
    }
}

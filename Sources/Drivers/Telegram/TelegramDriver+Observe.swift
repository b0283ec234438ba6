import Foundation
import Reconciler
import Spec

extension TelegramDriver {
    /// What to read for one bot: its own settings and/or its webhook.
    struct BotReadRequest: Sendable {
        var bot: String
        var token: SecretReference?
        var botAddress: ResourceAddress?
        var webhookAddresses: [ResourceAddress] = []
        var channelAddresses: [ResourceAddress] = []
    }

    public func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                        context: DriverContext) async -> Observations {
        var requests: [String: BotReadRequest] = [:]
        var errors: [ResourceError] = []
        for address in addresses {
            let attributes = desired[address]?.attributes ?? context.inventory.resources[address]?.attributes ?? [:]
            let location = desired[address]?.location ?? SourceLocation(file: "state", line: 1, column: 1)
            let bot = address.kind == .bot ? address.name : attributes["bot"]?.stringValue
            guard let bot else {
                errors.append(ResourceError(address: address, code: .readFailed,
                    message: "the inventory does not say which bot this webhook belongs to; remove it from the state file"))
                continue
            }
            var request = requests[bot] ?? BotReadRequest(bot: bot)
            if let declared = desired[ResourceAddress(.bot, bot)]?.telegramToken ?? desired[address]?.telegramToken {
                request.token = declared
            } else if request.token == nil {
                request.token = TelegramValues.reference(from: attributes["token"], location: location)
            }
            switch address.kind {
            case .bot: request.botAddress = address
            case .channel: request.channelAddresses.append(address)
            default: request.webhookAddresses.append(address)
            }
            requests[bot] = request
        }
        let ordered = requests.keys.sorted().map { requests[$0]! }
        let reads = await concurrentMap(ordered, limit: concurrency) { request -> Result<Observations, ResourceErrors> in
            do throws(ResourceError) {
                return .success(try await read(request, desired: desired, context: context))
            } catch {
                // One bot's read failing makes all of its addresses unknown, and only those.
                let addresses = ([request.botAddress].compactMap { $0 } + request.webhookAddresses + request.channelAddresses)
                return .failure(ResourceErrors(addresses.map {
                    error.telling($0, at: $0 == error.address ? error.location : error.location ?? desired[$0]?.location)
                }))
            }
        }
        var result = Observations(failures: errors)
        for read in reads {
            switch read {
            case let .success(found):
                result.found.merge(found.found) { first, _ in first }
                result.statuses.merge(found.statuses) { first, _ in first }
                result.details.merge(found.details) { first, _ in first }
                result.failures += found.failures
            case let .failure(failed): result.failures += failed.errors
            }
        }
        return result
    }

    /// Reads one bot, one call after another: calls to one bot in flight together would meet a 429
    /// with more calls already on their way, against `retry_after`. In a targeted plan a bot with a
    /// field scope gets only the reads its scope needs (see ``DriverContext/fieldScopes``).
    func read(_ request: BotReadRequest, desired: [ResourceAddress: DesiredResource],
              context: DriverContext) async throws(ResourceError) -> Observations {
        let subject = request.botAddress ?? request.webhookAddresses.first ?? request.channelAddresses.first ?? ResourceAddress(.bot, request.bot)
        guard let reference = request.token else {
            throw ResourceError(address: subject, code: .readFailed,
                message: "no token is known for Bot/\(request.bot): it is not declared and the inventory does not name its token")
        }
        let token = try context.resolve(reference, for: subject)
        let session = BotSession(client: client, token: token, reference: reference, address: subject,
                                 location: desired[subject]?.location)
        var result = Observations()
        // A first read checks the token; a scoped read's own first call does that too. What getMe tells
        // is the bot's details where another resource reads them (its registry row, the username).
        let wantsDetails = request.botAddress.map(context.detailsWanted.contains) ?? false
        var me: JSONValue?
        if wantsDetails || request.botAddress.map({ context.fieldScopes[$0] == nil }) ?? true {
            me = try await session.call("getMe")
            if wantsDetails, let address = request.botAddress, let me { result.details[address] = Self.identity(me) }
        }
        var observations: [ResourceAddress: Observation] = [:]
        var webhookInfo: JSONValue?
        func info() async throws(ResourceError) -> JSONValue {
            if let webhookInfo { return webhookInfo }
            let value = try await session.call("getWebhookInfo")
            webhookInfo = value
            return value
        }
        if let address = request.botAddress {
            let owned = context.inventory.resources[address]
            if let wanted = desired[address] {
                let reads = { (path: String) in context.reads(path, of: address) }
                var value = try await readBot(session, desired: wanted, owned: owned, reads: reads,
                    webhookURL: wanted.value["webhook_url"] == nil || !reads("webhook_url") ? nil : info)
                if let settings = try await readSettings(session, me: me, desired: wanted, owned: owned, reads: reads),
                   var fields = value.objectValue {
                    fields["settings"] = settings
                    value = .object(fields)
                }
                if let photo = try await readPhoto(session, desired: wanted, owned: owned, reads: reads), var fields = value.objectValue {
                    fields["photo"] = photo
                    value = .object(fields)
                }
                observations[address] = .present(value)
            } else {
                let webhookOwned = context.inventory.botsWithOwnedWebhook.contains(request.bot)
                observations[address] = .present(try await readBotForDeletion(
                    session, owned: owned, info: webhookOwned ? nil : info))
            }
        }
        for address in request.webhookAddresses {
            let info = try await info()
            observations[address] = webhookObservation(info, owned: context.inventory.resources[address],
                                                       pinsIP: desired[address]?.value["ip_address"] != nil)
            if !(info["url"]?.stringValue ?? "").isEmpty {
                result.details[address] = Self.deliveryHealth(info)
                if let status = Self.deliveryStatus(info) { result.statuses[address] = LiveStatus(status) }
            }
        }
        for address in request.channelAddresses {
            // A chat left out of git is only released: nothing to read.
            guard let wanted = desired[address] else { observations[address] = .absent; continue }
            do throws(ResourceError) {
                let reading = try await readChannel(session, address: address, desired: wanted, owned: context.inventory.resources[address])
                observations[address] = .present(reading.value)
                if let status = reading.status { result.statuses[address] = status }
                if context.detailsWanted.contains(address) { result.details[address] = reading.details }
            } catch where error.code == .readFailed {
                // One chat that cannot be read fails that Channel alone; a refused token fails them all.
                result.failures.append(error)
            }
        }
        result.found = observations
        return result
    }

    /// Who the bot is, as getMe tells: its username (Telegram's, never declared).
    static func identity(_ me: JSONValue) -> JSONValue {
        .object(["username": me["username"] ?? .null])
    }

    /// How deliveries to a webhook go, as getWebhookInfo tells: updates waiting, and the last failed
    /// delivery (Unix time and Telegram's words) if there was one.
    static func deliveryHealth(_ info: JSONValue) -> JSONValue {
        var health: [String: JSONValue] = ["pending_update_count": .int(info["pending_update_count"]?.intValue ?? 0)]
        if let date = info["last_error_date"]?.intValue { health["last_error_date"] = .int(date) }
        if let message = info["last_error_message"]?.stringValue { health["last_error_message"] = .string(message) }
        return .object(health)
    }

    /// A line for the plan's "Live status", only when a delivery failed: a healthy webhook says nothing.
    static func deliveryStatus(_ info: JSONValue) -> String? {
        guard let date = info["last_error_date"]?.intValue else { return nil }
        let when = Date(timeIntervalSince1970: TimeInterval(date)).formatted(.iso8601)
        let pending = info["pending_update_count"]?.intValue ?? 0
        return "last delivery failed at \(when): \(info["last_error_message"]?.stringValue ?? "no reason given")"
            + " (\(pending) update\(pending == 1 ? "" : "s") waiting)"
    }

    /// The bot's settings, those `reads` asks for (all of them outside a targeted plan). A text left
    /// unread is taken as empty: the planner compares only what was read.
    private func readBot(_ session: BotSession, desired: DesiredResource, owned: InventoryEntry?,
                         reads: (String) -> Bool,
                         webhookURL: (() async throws(ResourceError) -> JSONValue)?) async throws(ResourceError) -> JSONValue {
        var languages = Set(desired.attributes["languages"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        languages.formUnion(owned?.attributes["languages"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        var profile: [String: JSONValue] = [:]
        for language in [TelegramValues.defaultLanguage] + languages.sorted() {
            let code: JSONValue = .string(language == TelegramValues.defaultLanguage ? "" : language)
            let path = ValueDiffer.join("profile", language)
            func text(_ key: String, _ method: String) async throws(ResourceError) -> String {
                guard reads(ValueDiffer.join(path, key)) else { return "" }
                return try await session.call(method, ["language_code": code])[key]?.stringValue ?? ""
            }
            let name = try await text("name", "getMyName")
            let description = try await text("description", "getMyDescription")
            let short = try await text("short_description", "getMyShortDescription")
            let texts = TelegramValues.texts(name: name, description: description, shortDescription: short)
            if language == TelegramValues.defaultLanguage || !TelegramValues.isEmptyTexts(texts) { profile[language] = texts }
        }
        var scopes = desired.attributes["commandScopes"]?.objectValue ?? [:]
        scopes.merge(owned?.attributes["commandScopes"]?.objectValue ?? [:]) { declared, _ in declared }
        let commands = try await readCommands(session, scopes: scopes.filter { reads(ValueDiffer.join("commands", $0.key)) })
        var menu: JSONValue = .object(["type": "default"])
        if reads("menu_button") {
            let button = try await session.call("getChatMenuButton")
            menu = .object(["type": button["type"] ?? "default"])
            if button["type"]?.stringValue == "web_app" {
                menu = .object(["type": "web_app", "text": button["text"] ?? "", "url": button["web_app"]?["url"] ?? ""])
            }
        }
        var rights: [String: JSONValue] = [:]
        for (audience, forChannels) in [("groups", false), ("channels", true)] where reads(ValueDiffer.join("administrator_rights", audience)) {
            rights[audience] = TelegramValues.rights(observed: try await session.call("getMyDefaultAdministratorRights",
                                                                                     ["for_channels": .bool(forChannels)]))
        }
        var value: [String: JSONValue] = [
            "profile": .object(profile),
            "commands": .object(commands),
            "menu_button": menu,
            "administrator_rights": .object(rights),
        ]
        if let webhookURL {
            value["webhook_url"] = try await webhookURL()["url"] ?? ""
        }
        return .object(value)
    }

    /// A bot leaving git: only what its deletion removes (the command sets botops set, a webhook).
    private func readBotForDeletion(_ session: BotSession, owned: InventoryEntry?,
                                    info: (() async throws(ResourceError) -> JSONValue)?) async throws(ResourceError) -> JSONValue {
        let commands = try await readCommands(session, scopes: owned?.attributes["commandScopes"]?.objectValue ?? [:])
        var value: [String: JSONValue] = ["commands": .object(commands)]
        if let info { value["webhook_url"] = try await info()["url"] ?? "" }
        return .object(value)
    }

    private func readCommands(_ session: BotSession, scopes: [String: JSONValue]) async throws(ResourceError) -> [String: JSONValue] {
        var commands: [String: JSONValue] = [:]
        for key in scopes.keys.sorted() {
            guard let entry = scopes[key], let scope = entry["scope"] else { continue }
            let list = try await session.call("getMyCommands", ["scope": scope, "language_code": entry["language"] ?? ""])
            let normalized = TelegramValues.commands(observed: list)
            if normalized != .array([]) { commands[key] = normalized }
        }
        return commands
    }

    /// The webhook as Telegram reports it. Telegram reports the address it connects to for every
    /// webhook (the one it resolved, unless pinned), so `ip_address` is compared only where the
    /// declaration pins one: an unpinned webhook would otherwise drift on every pass.
    func webhookObservation(_ info: JSONValue, owned: InventoryEntry?, pinsIP: Bool) -> Observation {
        let url = info["url"]?.stringValue ?? ""
        guard !url.isEmpty else { return .absent }
        // The secret cannot be read back: trust the recorded fingerprint only for the URL botops set.
        let secret: JSONValue = owned?.attributes["url"]?.stringValue == url
            ? .string(owned?.fingerprints["secret_token"] ?? "") : "unknown (set outside botops)"
        let updates = info["allowed_updates"]?.arrayValue?.compactMap(\.stringValue)
        var value: [String: JSONValue] = [
            "url": .string(url),
            "max_connections": .int(info["max_connections"]?.intValue ?? TelegramRules.defaultMaxConnections),
            "allowed_updates": updates.flatMap { $0.isEmpty ? nil : TelegramValues.sortedUpdates($0) } ?? TelegramValues.defaultUpdates,
            "secret_token": secret,
        ]
        if pinsIP, let ip = info["ip_address"]?.stringValue, !ip.isEmpty { value["ip_address"] = .string(ip) }
        return .present(.object(value))
    }
}

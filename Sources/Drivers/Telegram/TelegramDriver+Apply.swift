import Foundation
import Reconciler
import Spec

extension TelegramDriver {
    public func apply(_ pending: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        let change = pending.change, desired = pending.desired, owned = pending.owned
        let attributes = desired?.attributes ?? owned?.attributes ?? [:]
        let location = desired?.location ?? SourceLocation(file: "state", line: 1, column: 1)
        let botName = change.address.kind == .bot ? change.address.name : attributes["bot"]?.stringValue ?? ""
        let reference = desired?.telegramToken ?? TelegramValues.reference(from: attributes["token"], location: location)
        guard let reference else {
            throw ResourceError(address: change.address, code: .applyFailed,
                message: "no token is known for Bot/\(botName); declare the bot again or remove the entry from the state")
        }
        let token = try context.resolve(reference, for: change.address)
        let session = BotSession(client: client, token: token, reference: reference, address: change.address,
                                 location: desired?.location)
        switch change.address.kind {
        case .bot:
            return try await applyBot(change, desired: desired, owned: owned, session: session, context: context)
        case .webhook:
            return try await applyWebhook(change, desired: desired, session: session, context: context)
        case .channel:
            return try await applyChannel(change, desired: desired, owned: owned, session: session, context: context)
        default:
            throw ResourceError(address: change.address, code: .applyFailed, message: "the Telegram driver does not manage this kind")
        }
    }

    private func applyBot(_ change: Change, desired: DesiredResource?, owned: InventoryEntry?,
                          session: BotSession, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        var writer = BotWriter(session: session, change: change)
        let scopes = (desired?.attributes["commandScopes"]?.objectValue ?? [:])
            .merging(owned?.attributes["commandScopes"]?.objectValue ?? [:]) { declared, _ in declared }
        guard change.action != .delete, let desired else {
            for key in scopes.keys.sorted() where change.touches(ValueDiffer.join("commands", key)) {
                let entry = scopes[key]!
                try await writer.write("deleteMyCommands", ["scope": entry["scope"] ?? .null, "language_code": entry["language"] ?? ""])
            }
            if change.fields.contains(where: { $0.path == "webhook_url" && ($0.before?.stringValue ?? "") != "" }) {
                try await writer.write("deleteWebhook")
            }
            return ApplyOutcome(entry: nil, writes: writer.writes)
        }
        // The photo's file is read before any call, so a file edited since the plan leaves the bot untouched.
        let photo = desired.input(as: BotInput.self)?.photo
        var upload: [UInt8]?
        if change.touches("photo"), let asset = photo?.asset {
            upload = try context.bytes(of: asset, for: change.address, at: desired.location)
        }
        try await writer.texts(desired.value)
        try await writer.commands(desired.value, scopes: scopes)
        try await writer.menuAndRights(desired.value)
        try await writer.settings()
        let record = try await writer.photo(photo, value: desired.value["photo"], upload: upload, driver: self)
        if change.touches("webhook_url") {
            try await writer.write("deleteWebhook")
        }
        var attributes = desired.attributes
        switch record {
        case .unchanged: attributes[Self.uploadAttribute] = owned?.attributes[Self.uploadAttribute]
        case .cleared: break
        case let .uploaded(record): attributes[Self.uploadAttribute] = record
        }
        return ApplyOutcome(entry: InventoryEntry(address: change.address, attributes: attributes,
                                                  dependsOn: desired.dependsOn), writes: writer.writes)
    }

    private func applyWebhook(_ change: Change, desired: DesiredResource?, session: BotSession,
                              context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard change.action != .delete, let desired else {
            try await session.call("deleteWebhook", failure: .applyFailed)
            return ApplyOutcome(entry: nil, writes: 1)
        }
        guard let input = desired.input(as: WebhookInput.self) else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "the webhook's desired resource lacks its input")
        }
        var parameters: [String: JSONValue] = [
            "url": desired.value["url"] ?? "",
            "max_connections": desired.value["max_connections"] ?? .int(TelegramRules.defaultMaxConnections),
            "allowed_updates": desired.value["allowed_updates"] ?? .array([]),
        ]
        if let ip = desired.value["ip_address"]?.stringValue, !ip.isEmpty { parameters["ip_address"] = .string(ip) }
        var fingerprints: [String: String] = [:]
        if let reference = input.secretToken {
            let secret = try context.resolve(reference, for: change.address)
            parameters["secret_token"] = .string(secret)
            fingerprints["secret_token"] = context.fingerprinter.fingerprint(secret)
        }
        // Dropping pending updates goes with setting the webhook, never on its own, so a
        // converged webhook is not re-set on every run just to drop updates.
        if input.dropPendingUpdates { parameters["drop_pending_updates"] = .bool(true) }
        try await session.call("setWebhook", parameters, failure: .applyFailed)
        var attributes = desired.attributes
        attributes["url"] = desired.value["url"]
        return ApplyOutcome(entry: InventoryEntry(address: change.address, fingerprints: fingerprints,
                                                  attributes: attributes, dependsOn: desired.dependsOn), writes: 1)
    }
}

extension BotState {
    /// Ports Telegram delivers webhooks to.
    static let webhookPorts: Set<Int> = [80, 88, 443, 8443]

    /// `getUpdates`: always empty (the sandbox produces no updates), refused while a webhook is set.
    /// Like the Bot API server, an `allowed_updates` parameter changes the subscription.
    mutating func getUpdates(_ arguments: MethodArguments) throws(SandboxAPIError) -> MethodResult {
        if webhook.isSet { throw .webhookActive }
        updateAllowedUpdates(arguments)
        return MethodResult(.array([]))
    }

    /// `setWebhook` and `deleteWebhook`, following the Bot API server's `process_set_webhook_query`,
    /// `do_set_webhook` and the webhook verification in `WebhookActor`:
    ///
    /// - the "already set/deleted" answer is decided first, comparing everything but `allowed_updates`
    ///   (which is updated silently) and only when `drop_pending_updates` is not passed;
    /// - otherwise an existing webhook is removed *before* the new one is checked, so a rejected
    ///   `setWebhook` leaves the bot without a webhook, as on Telegram;
    /// - `allowed_updates` is applied before the verification that may still reject the URL.
    ///
    /// Telegram's limit of one `setWebhook` with a URL per second comes before all of this and needs a
    /// clock, so `SandboxState` applies it (``WebhookSetLimiter``) before calling here.
    mutating func setWebhook(_ arguments: MethodArguments, deleting: Bool) throws(SandboxAPIError) -> MethodResult {
        let newURL = deleting ? "" : arguments["url"]
        let setting = !newURL.isEmpty
        var candidate = WebhookSettings.none
        if setting {
            candidate.url = newURL
            candidate.hasCustomCertificate = arguments.files.contains("certificate")
            candidate.maxConnections = arguments.integer("max_connections", default: 40, clampedTo: 1...100)
            candidate.ipAddress = arguments["ip_address"]
            candidate.fixIPAddress = !candidate.ipAddress.isEmpty
            candidate.secretToken = arguments["secret_token"]
        }
        let dropPendingUpdates = arguments.bool("drop_pending_updates")

        if isUnchanged(by: candidate), !dropPendingUpdates {
            updateAllowedUpdates(arguments)
            return MethodResult(.bool(true), description: setting ? "Webhook is already set" : "Webhook is already deleted")
        }

        let wasDeleted = webhook.isSet
        webhook = .none
        if dropPendingUpdates { pendingUpdateCount = 0 }
        guard setting else {
            return MethodResult(.bool(true), description: wasDeleted ? "Webhook was deleted" : "Webhook is already deleted")
        }

        guard let url = WebhookURL(newURL) else { throw .badRequest("invalid webhook URL specified") }
        if candidate.secretToken.utf8.count > 256 { throw .badRequest("secret token is too long") }
        if !candidate.secretToken.unicodeScalars.allSatisfy(Self.isSecretTokenScalar) {
            throw .badRequest("secret token contains unallowed characters")
        }
        updateAllowedUpdates(arguments)
        if let problem = Self.verificationProblem(url: url, settings: candidate) {
            throw .badRequest("bad webhook: \(problem)")
        }
        webhook = candidate
        return MethodResult(.bool(true), description: "Webhook was set")
    }

    /// `getWebhookInfo`. The secret token is never part of the answer.
    func getWebhookInfo() -> MethodResult {
        var members: [String: SandboxJSON] = [
            "url": .string(webhook.url),
            "has_custom_certificate": .bool(webhook.hasCustomCertificate),
            "pending_update_count": .int(Int64(pendingUpdateCount)),
        ]
        if webhook.maxConnections > 0 {
            members["max_connections"] = .int(Int64(webhook.maxConnections))
        }
        if let error = lastWebhookError, !webhook.url.isEmpty {
            members["last_error_date"] = .int(error.date)
            members["last_error_message"] = .string(error.message)
        }
        if let address = webhookIPAddress {
            members["ip_address"] = .string(address)
        }
        if !allowedUpdates.isDefault {
            members["allowed_updates"] = .array(allowedUpdates.orderedTypes.map(SandboxJSON.string))
        }
        return MethodResult(.object(members))
    }

    /// The address Telegram would report: the fixed one, or the host itself when it is an IPv4 literal.
    /// The sandbox does not resolve host names.
    /// The address Telegram connects to: the pinned one, an IPv4 literal host, or, for a host name, the
    /// address it resolved. The sandbox resolves nothing, so it makes one up, stable per host, in
    /// 203.0.113.0/24 (TEST-NET-3, never routed), as Telegram reports one for every webhook it uses.
    private var webhookIPAddress: String? {
        guard webhook.isSet else { return nil }
        if !webhook.ipAddress.isEmpty { return webhook.ipAddress }
        guard let url = WebhookURL(webhook.url) else { return nil }
        if let literal = IPv4Address(url.host) { return literal.description }
        let hash = url.host.lowercased().unicodeScalars.reduce(UInt32(7)) { ($0 &* 31) &+ $1.value }
        return "203.0.113.\(1 + hash % 254)"
    }

    private func isUnchanged(by candidate: WebhookSettings) -> Bool {
        webhook.url == candidate.url
            && !webhook.hasCustomCertificate && !candidate.hasCustomCertificate
            && webhook.maxConnections == candidate.maxConnections
            && webhook.fixIPAddress == candidate.fixIPAddress
            && webhook.secretToken == candidate.secretToken
            && (!candidate.fixIPAddress || webhook.ipAddress == candidate.ipAddress)
    }

    private mutating func updateAllowedUpdates(_ arguments: MethodArguments) {
        if let parsed = AllowedUpdates.parse(arguments["allowed_updates"]) {
            allowedUpdates = parsed
        }
    }

    private static func isSecretTokenScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
        default: false
        }
    }

    /// What `WebhookActor` would refuse, in its order: scheme, port, then the address to connect to.
    private static func verificationProblem(url: WebhookURL, settings: WebhookSettings) -> String? {
        guard url.isHTTPS else { return "An HTTPS URL must be provided for webhook" }
        guard webhookPorts.contains(url.port) else { return "Webhook can be set up only on ports 80, 88, 443 or 8443" }
        if settings.fixIPAddress {
            return addressProblem(settings.ipAddress)
        }
        if url.isIPv6Literal { return "IPv6-only addresses are not allowed" }
        if let literal = IPv4Address(url.host), literal.isReserved { return "IP address \(literal) is reserved" }
        return nil
    }

    private static func addressProblem(_ text: String) -> String? {
        if let address = IPv4Address(text) {
            return address.isReserved ? "IP address \(address) is reserved" : nil
        }
        if text.contains(":") { return "IPv6-only addresses are not allowed" }
        return "Invalid IP address specified"
    }
}

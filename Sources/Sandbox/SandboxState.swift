import Foundation

/// The sandbox's memory: every bot's state, the call log, counters, flood control and failure injection.
/// All Bot API calls are serialized through this actor, so each one sees the effects of the previous.
actor SandboxState {
    private let configuration: SandboxConfiguration
    private var botsByToken: [String: BotState]
    private var calls: [SandboxCall] = []
    private var nextSequenceNumber = 1
    private var counters = SandboxStats()
    /// Injected 429s by bot id: any call of the bot inside the window is a violation.
    private var floodWindows: [String: FloodWindow] = [:]
    private var webhookSetLimiter: WebhookSetLimiter
    private var generator: SeededRandomGenerator
    /// Every message bots sent, oldest first.
    private var messages: [SentMessage] = []
    /// The channels and groups, shared by every bot.
    private var chats: SandboxChats

    init(configuration: SandboxConfiguration) {
        self.configuration = configuration
        botsByToken = Dictionary(uniqueKeysWithValues: configuration.bots.map { ($0.token, BotState(bot: $0)) })
        chats = SandboxChats(configuration.chats)
        webhookSetLimiter = WebhookSetLimiter(interval: configuration.webhookSetInterval)
        var seeder = SystemRandomNumberGenerator()
        generator = SeededRandomGenerator(seed: configuration.seed ?? seeder.next())
    }

    /// The bytes of a file a bot's `getFile` named, for `/file/bot<token>/<file_path>`; nil for anything else.
    func download(token: String, path: String) -> [UInt8]? {
        botsByToken[token]?.download(path: path)
    }

    /// Answers one Bot API call and records it.
    func handle(_ request: BotAPIRequest) -> BotAPIOutcome {
        let method = TelegramMethod(requestedName: request.methodName)
        let wellFormed = SandboxBot.isWellFormedToken(request.token)
        let botID = wellFormed ? String(request.token.prefix { $0 != ":" }) : nil
        var injected: SandboxFailure?
        let outcome: BotAPIOutcome
        if !wellFormed {
            outcome = BotAPIOutcome(.notFound)
        } else if botsByToken[request.token] == nil {
            outcome = BotAPIOutcome(.unauthorized)
        } else if let method, let botID {
            if let remaining = remainingFloodSeconds(botID: botID, arrival: request.arrival) {
                counters.retryAfterViolations += 1
                outcome = BotAPIOutcome(.tooManyRequests(retryAfter: remaining))
            } else if let failure = rollFailure() {
                injected = failure
                counters.injected += 1
                outcome = inject(failure, method, request, botID: botID)
            } else if let refusal = webhookSetRefusal(method, request, botID: botID) {
                outcome = refusal
            } else {
                outcome = execute(method, request)
            }
        } else {
            outcome = BotAPIOutcome(.notFound)
        }
        // Arguments that did not parse were already answered with the parse error; the log keeps the call, without them.
        let parameters = (try? request.arguments.get().logParams) ?? [:]
        calls.append(SandboxCall(
            seq: nextSequenceNumber,
            bot: botID,
            method: method?.rawValue ?? request.methodName,
            params: TokenMasker.maskParameters(parameters),
            status: outcome.status,
            injected: injected != nil,
            failure: injected,
            at: request.receivedAt
        ))
        nextSequenceNumber += 1
        counters.calls += 1
        return outcome
    }

    private func execute(_ method: TelegramMethod, _ request: BotAPIRequest) -> BotAPIOutcome {
        let arguments: MethodArguments
        switch request.arguments {
        case .success(let decoded): arguments = decoded
        case .failure(let error): return BotAPIOutcome(error)
        }
        guard var state = botsByToken[request.token] else { return BotAPIOutcome(.unauthorized) }
        if method.isChatMethod {
            do throws(SandboxAPIError) {
                return BotAPIOutcome(try chats.execute(method, arguments, botID: state.bot.id, username: state.bot.effectiveUsername))
            } catch {
                return BotAPIOutcome(error)
            }
        }
        do throws(SandboxAPIError) {
            let result = try state.execute(method, arguments)
            for var sent in state.outbox {
                sent.seq = messages.count + 1
                messages.append(sent)
            }
            state.outbox.removeAll()
            botsByToken[request.token] = state
            return BotAPIOutcome(result)
        } catch {
            // Methods throw before changing anything they must not change; keep what they did change
            // (a rejected setWebhook removes the previous webhook, as on Telegram).
            botsByToken[request.token] = state
            return BotAPIOutcome(error)
        }
    }

    private func remainingFloodSeconds(botID: String, arrival: ContinuousClock.Instant) -> Int? {
        floodWindows[botID]?.remainingSeconds(at: arrival)
    }

    /// The 429 of Telegram's one-`setWebhook`-with-a-URL-per-second limit, or nil to run the call.
    /// Part of the method (it runs after failure injection, like the method would), and, as in the Bot
    /// API server, checked only once the parameters parsed.
    private func webhookSetRefusal(_ method: TelegramMethod, _ request: BotAPIRequest, botID: String) -> BotAPIOutcome? {
        guard method == .setWebhook, case .success(let arguments) = request.arguments, !arguments["url"].isEmpty else {
            return nil
        }
        let admission = webhookSetLimiter.admit(botID: botID, arrival: request.arrival, now: ContinuousClock.now)
        if admission.isViolation { counters.retryAfterViolations += 1 }
        return admission.retryAfter.map { BotAPIOutcome(.tooManyRequests(retryAfter: $0)) }
    }

    private func rollFailure() -> SandboxFailure? {
        guard configuration.failRate > 0 else { return nil }
        guard Double.random(in: 0..<1, using: &generator) < configuration.failRate else { return nil }
        let kinds = SandboxFailure.allCases.filter(configuration.failKinds.contains)
        return kinds.randomElement(using: &generator)
    }

    private func inject(_ failure: SandboxFailure, _ method: TelegramMethod, _ request: BotAPIRequest,
                        botID: String) -> BotAPIOutcome {
        switch failure {
        case .tooManyRequests:
            floodWindows[botID] = FloodWindow(given: ContinuousClock.now, retryAfter: configuration.retryAfter)
            return BotAPIOutcome(.tooManyRequests(retryAfter: configuration.retryAfter))
        case .serverError:
            return BotAPIOutcome(.internalServerError)
        case .drop:
            return .drop
        case .slow:
            let answer = webhookSetRefusal(method, request, botID: botID) ?? execute(method, request)
            return .late(answer, after: configuration.slowAnswer)
        }
    }

    /// The messages bots sent, oldest first.
    func sentMessages() -> [SentMessage] {
        messages
    }

    /// Forgets the messages sent so far.
    func clearMessages() {
        messages.removeAll()
    }

    /// The call log, oldest first.
    func recordedCalls() -> [SandboxCall] {
        calls
    }

    /// Empties the call log and resets the counters; bots keep their state.
    func clearCalls() {
        calls.removeAll()
        counters = SandboxStats()
    }

    /// The counters.
    func stats() -> SandboxStats {
        counters
    }

    /// Sets (or, with nil, clears) the last webhook delivery error a bot's getWebhookInfo reports;
    /// `false` when no bot has that id.
    func setLastWebhookError(botID: String, _ error: (date: Int64, message: String)?) -> Bool {
        guard let token = botsByToken.first(where: { $0.value.bot.id == botID })?.key else { return false }
        botsByToken[token]?.lastWebhookError = error
        return true
    }

    /// Sets a bot's `pending_update_count`; `false` when no bot has that id.
    /// Adds or replaces a chat (`PUT /_sandbox/chats`).
    func putChat(_ chat: SandboxChat) {
        chats.put(chat)
    }

    /// Sets a bot's place in a chat, as an owner would (`PUT /_sandbox/chats/<chat>/members/<bot id>`).
    func setChatMember(_ chat: String, botID: String, _ member: SandboxChat.Member) -> Bool {
        chats.setMember(chat, botID: botID, member)
    }

    /// The chats as they are now.
    func currentChats() -> [SandboxChat] { chats.chats }

    func setPendingUpdateCount(botID: String, count: Int) -> Bool {
        guard let token = botsByToken.first(where: { $0.value.bot.id == botID })?.key else { return false }
        botsByToken[token]?.pendingUpdateCount = max(0, count)
        return true
    }
}

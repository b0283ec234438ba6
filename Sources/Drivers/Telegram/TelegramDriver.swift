import Logging
import Reconciler
import Spec

/// Manages Bots, Webhooks and Channels through the Bot API.
///
/// Both sides of the diff are put in one canonical shape: Telegram's defaults filled in (40
/// connections, the default update set, empty texts, all rights false), so a converged fleet plans
/// nothing and a second apply makes no write call.
public struct TelegramDriver: Driver {
    public let name = "telegram"
    public let kinds: Set<ResourceKind> = [.bot, .webhook, .channel]
    let client: TelegramClient
    /// Bots observed at once (each bot's own calls are always one after another).
    let concurrency: Int

    public init(client: TelegramClient, concurrency: Int = 8) {
        self.client = client
        self.concurrency = max(1, concurrency)
    }

    /// Changes of one bot never run at the same time: Telegram applies them in order per bot.
    static func lane(bot: String) -> String { "telegram:\(bot)" }

    public func replaceTriggers(for kind: ResourceKind) -> Set<String> { [] }

    /// A chat is never deleted: a Channel that leaves git is only no longer managed.
    public func releasesOnRemoval(_ kind: ResourceKind) -> Bool { kind == .channel }
}

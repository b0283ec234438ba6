import Reconciler
import Spec

/// What applying a Bot needs beyond its value: its token's reference and the photo git declares.
struct BotInput: DesiredInput {
    let token: SecretReference
    var photo: ProfilePhoto?
}

/// What applying a Webhook needs beyond its value: its bot's token and its own secret (both as
/// references) and whether setting it drops the updates waiting.
struct WebhookInput: DesiredInput {
    let token: SecretReference
    let secretToken: SecretReference?
    let dropPendingUpdates: Bool
}

/// What applying a Channel needs beyond its value: its bot's token, the chat, and the photo declared.
struct ChannelInput: DesiredInput {
    let token: SecretReference
    let chat: ChatReference
    var photo: ProfilePhoto?
}

extension DesiredResource {
    /// The token reference of a Bot's, a Webhook's or a Channel's desired resource.
    var telegramToken: SecretReference? {
        input(as: BotInput.self)?.token ?? input(as: WebhookInput.self)?.token ?? input(as: ChannelInput.self)?.token
    }
}

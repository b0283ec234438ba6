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

extension DesiredResource {
    /// The token reference of a Bot's or a Webhook's desired resource.
    var telegramToken: SecretReference? {
        input(as: BotInput.self)?.token ?? input(as: WebhookInput.self)?.token
    }
}

/// Finds bot tokens written in clear anywhere in a document (an env value, a label, `args`).
///
/// A token in git is leaked to everyone who can read the repository and its history, so this
/// runs on every scalar, whatever field it is in.
struct TokenScanner {
    let context: ReadContext

    func scan(_ node: YAMLNode) {
        // A mapping's children come key, value, key, value: each key is scanned before its value.
        guard let scalar = node.scalar else { return node.forEachChild(scan) }
        if TelegramRules.containsBotToken(scalar.string) {
            context.sink.error(.literalSecret, at: context.location(of: node),
                "this value looks like a Telegram bot token; never commit tokens: revoke it with @BotFather "
                + "and reference the new one with {fromEnv: NAME} or {fromFile: /path}")
        }
    }
}

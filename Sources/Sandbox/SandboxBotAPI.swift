/// The Bot API version the sandbox emulates, and the facts of it that change from one version to the
/// next. Moving the sandbox to a new version starts here; object fields that need more than a name
/// (10.3's optional `BotCommand.is_ephemeral`) live in the type that parses them (`BotCommandEntry`).
///
/// The sandbox stands in for Telegram when botops is tested, so it keeps its own copy of these lists
/// instead of sharing botops's (`Spec.BotAPIVersion`): a mistake there must make a test fail, not be
/// repeated by the thing that checks it.
public enum SandboxBotAPI {
    /// The emulated version, as Telegram numbers it.
    public static let version = "10.5"

    // 10.5 took the fields only getMe returned out of `User` into `BotFullInfo` (BotState+Identity) and added
    // setMySettings (BotSettings); 10.4 and 10.5 add no update type the reference names, so 10.3's set is kept.

    /// `Update` fields other than `update_id`, in the order of the `Update` object: 10.1's, then
    /// 10.3's `subscription` and `stopped_message_generation`.
    static let updateTypes: [String] = [
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
        "business_message", "edited_business_message", "deleted_business_messages", "guest_message",
        "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
        "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
        "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "managed_bot",
        "subscription", "stopped_message_generation",
    ]

    /// Types a bot must ask for explicitly ("all update types except chat_member, message_reaction,
    /// and message_reaction_count (default)"). 10.3's new types are not among them: their `Update`
    /// fields do not ask to be listed in allowed_updates, as these three do.
    static let optInUpdateTypes: Set<String> = ["chat_member", "message_reaction", "message_reaction_count"]

    /// Every `ChatAdministratorRights` field, in documentation order; 10.3's required
    /// `can_send_welcome_messages` last, as its place in the documentation is not known here.
    static let administratorRightsFields: [String] = [
        "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
        "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
        "can_delete_stories", "can_post_messages", "can_edit_messages", "can_pin_messages", "can_manage_topics",
        "can_manage_direct_messages", "can_manage_tags", "can_send_welcome_messages",
    ]
}

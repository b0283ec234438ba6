/// The facts of one Telegram Bot API version that botops checks configs against and compares live
/// values with: the update types, which of them Telegram delivers only on request, and the fields of
/// the objects botops sets and reads back.
///
/// Each version after the first is written as the one before plus what it added, so moving botops to
/// the next version is a change of data in this file. ``current`` is the version botops speaks;
/// `TelegramRules` and the drivers read it, never a version by name.
public struct BotAPIVersion: Sendable, Hashable {
    /// The version as Telegram numbers it, e.g. `"10.3"`.
    public let version: String
    /// `Update` fields other than `update_id`, in Telegram's order: the values `allowed_updates` takes.
    public let updateTypes: [String]
    /// Update types Telegram leaves out while `allowed_updates` is empty or was never given.
    public let optInUpdateTypes: Set<String>
    /// `ChatAdministratorRights` fields, in Telegram's order. All are booleans.
    public let administratorRightsFields: [String]
    /// `BotCommand` fields, in Telegram's order.
    public let botCommandFields: [String]
    /// `User` fields, in Telegram's order (10.5 moved the ones only `getMe` returned to `BotFullInfo`).
    public var userFields: [String] = []
    /// The parameters of `setMySettings` (10.5), in Telegram's order; none before.
    public var botSettings: [String] = []
    /// `ChatPermissions` fields, in Telegram's order. All are booleans.
    public var chatPermissionsFields: [String] = []

    /// The update types Telegram delivers by default, in Telegram's order.
    public var defaultUpdateTypes: [String] { updateTypes.filter { !optInUpdateTypes.contains($0) } }

    /// A version with exactly these facts; prefer ``adding(version:updateTypes:optInUpdateTypes:administratorRightsFields:botCommandFields:)``
    /// on the previous version, so that what changed stays visible.
    public init(version: String, updateTypes: [String], optInUpdateTypes: Set<String>,
                administratorRightsFields: [String], botCommandFields: [String]) {
        self.version = version
        self.updateTypes = updateTypes
        self.optInUpdateTypes = optInUpdateTypes
        self.administratorRightsFields = administratorRightsFields
        self.botCommandFields = botCommandFields
    }

    /// The next version: this one with `version`'s additions appended after the existing names.
    /// A name already known is not added twice; nothing is removed here: a version that removes names
    /// (10.5 from `User`) says so with ``changing(version:addingUserFields:removingUserFields:addingBotSettings:)``.
    public func adding(version: String, updateTypes addedUpdates: [String] = [], optInUpdateTypes addedOptIn: Set<String> = [],
                       administratorRightsFields addedRights: [String] = [],
                       botCommandFields addedCommandFields: [String] = []) -> BotAPIVersion {
        func appending(_ added: [String], to names: [String]) -> [String] {
            names + added.filter { !names.contains($0) }
        }
        var next = BotAPIVersion(
            version: version,
            updateTypes: appending(addedUpdates, to: updateTypes),
            optInUpdateTypes: optInUpdateTypes.union(addedOptIn),
            administratorRightsFields: appending(addedRights, to: administratorRightsFields),
            botCommandFields: appending(addedCommandFields, to: botCommandFields))
        next.userFields = userFields
        next.botSettings = botSettings
        next.chatPermissionsFields = chatPermissionsFields
        return next
    }

    /// The next version when it also removes names (10.5 takes fields out of `User`): this one with
    /// `added`'s changes (see ``adding(version:updateTypes:optInUpdateTypes:administratorRightsFields:botCommandFields:)``),
    /// then `userFields` and `botSettings` changed as given.
    public func changing(version: String, addingUserFields addedUser: [String] = [], removingUserFields removedUser: Set<String> = [],
                         addingBotSettings addedSettings: [String] = []) -> BotAPIVersion {
        var next = adding(version: version)
        next.userFields = userFields.filter { !removedUser.contains($0) } + addedUser.filter { !userFields.contains($0) }
        next.botSettings = botSettings + addedSettings.filter { !botSettings.contains($0) }
        return next
    }

    /// Bot API 10.1 (June 11, 2026), from its full reference.
    public static let v10_1: BotAPIVersion = {
        var version = BotAPIVersion(
        version: "10.1",
        updateTypes: [
            "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
            "business_message", "edited_business_message", "deleted_business_messages", "guest_message",
            "message_reaction", "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query",
            "shipping_query", "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member",
            "chat_member", "chat_join_request", "chat_boost", "removed_chat_boost", "managed_bot",
        ],
        // setWebhook: "Specify an empty list to receive all update types except chat_member,
        // message_reaction, and message_reaction_count (default)"; each of the three `Update` fields
        // also says the bot "must explicitly specify" it in allowed_updates.
        optInUpdateTypes: ["chat_member", "message_reaction", "message_reaction_count"],
        administratorRightsFields: [
            "is_anonymous", "can_manage_chat", "can_delete_messages", "can_manage_video_chats", "can_restrict_members",
            "can_promote_members", "can_change_info", "can_invite_users", "can_post_stories", "can_edit_stories",
            "can_delete_stories", "can_post_messages", "can_edit_messages", "can_pin_messages", "can_manage_topics",
            "can_manage_direct_messages", "can_manage_tags",
        ],
        botCommandFields: ["command", "description"])
        version.userFields = [
            "id", "is_bot", "first_name", "last_name", "username", "language_code", "is_premium", "added_to_attachment_menu",
            "can_join_groups", "can_read_all_group_messages", "supports_guest_queries", "supports_inline_queries",
            "can_connect_to_business", "has_main_web_app", "has_topics_enabled", "allows_users_to_create_topics",
            "can_manage_bots", "supports_join_request_queries",
        ]
        version.chatPermissionsFields = [
            "can_send_messages", "can_send_audios", "can_send_documents", "can_send_photos", "can_send_videos",
            "can_send_video_notes", "can_send_voice_notes", "can_send_polls", "can_send_other_messages",
            "can_add_web_page_previews", "can_react_to_messages", "can_edit_tag", "can_change_info", "can_invite_users",
            "can_pin_messages", "can_manage_topics",
        ]
        return version
    }()

    /// Bot API 10.3 (August 24, 2026): 10.1 plus what 10.2 and 10.3 added, as the 10.3 change reference
    /// lists it.
    ///
    /// `subscription` ("User payment subscription has changed") and `stopped_message_generation` ("A user
    /// asked the bot to stop the generation of a message") are delivered by default: unlike the three
    /// opt-in fields, their `Update` descriptions do not ask the bot to "explicitly specify" them in
    /// allowed_updates, and setWebhook/getUpdates gained no parameter that would say otherwise.
    /// `can_send_welcome_messages` is a required field of `ChatAdministratorRights` with no stated
    /// default derived from another right (unlike `can_manage_tags`), so an omitted value is false.
    /// The update types follow the reference's full 10.3 list, which ends with the two new ones; it gives
    /// no place for the new right and command field, so they come last.
    public static let v10_3 = v10_1.adding(
        version: "10.3",
        updateTypes: ["subscription", "stopped_message_generation"],
        administratorRightsFields: ["can_send_welcome_messages"],
        botCommandFields: ["is_ephemeral"])

    /// Bot API 10.5 (November 22, 2026), after 10.4 (widgets, nothing botops configures), from the change notes
    /// (`telegram-bot-api-10.5-changes.md`): `setMySettings`, and `User` without the fields only `getMe`
    /// returned, which now live in `BotFullInfo`. The update types of 10.4 and 10.5 are not in the reference,
    /// so 10.3's set is kept.
    public static let v10_5 = v10_3.changing(
        version: "10.5",
        removingUserFields: ["can_join_groups", "can_read_all_group_messages", "supports_guest_queries", "supports_inline_queries",
                             "can_connect_to_business", "has_main_web_app", "has_topics_enabled", "allows_users_to_create_topics",
                             "can_manage_bots", "supports_join_request_queries"],
        addingBotSettings: ["supports_inline_queries", "inline_query_placeholder", "needs_inline_query_location",
                            "inline_feedback_share_denominator", "can_join_groups", "can_read_all_group_messages",
                            "can_connect_to_business", "can_manage_bots", "supports_guest_queries", "supports_join_request_queries",
                            "has_topics_enabled", "allows_users_to_create_topics", "has_topic_sidebar", "can_communicate_with_bots",
                            "callback_query_mode"])

    /// The version botops follows.
    public static let current = v10_5
}

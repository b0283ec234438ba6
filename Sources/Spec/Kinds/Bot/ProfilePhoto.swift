/// A bot's profile photo as git declares it: none at all, a JPEG, or an MPEG-4 animation with the
/// moment of it that stands for the photo where a still is shown.
public enum ProfilePhoto: Sendable, Hashable, Codable {
    /// No photo: every photo the bot has is removed.
    case none
    /// A static photo (`InputProfilePhotoStatic`).
    case image(ConfigAsset)
    /// An animated photo (`InputProfilePhotoAnimated`); `mainFrameTimestamp` in seconds.
    case animation(ConfigAsset, mainFrameTimestamp: Double)

    /// The file to upload, if any.
    public var asset: ConfigAsset? {
        switch self {
        case .none: return nil
        case let .image(asset), let .animation(asset, _): return asset
        }
    }
}

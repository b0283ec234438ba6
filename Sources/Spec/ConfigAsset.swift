/// A file the configuration names besides its YAML (a profile photo): where it is and what it held
/// when the configuration was validated. The bytes are not kept: apply reads them again through the
/// state's ``AssetCatalog`` and refuses them if they are no longer what was validated.
public struct ConfigAsset: Sendable, Hashable, Codable {
    /// The path relative to the configuration root, `/`-separated, `.` and `..` resolved.
    public let path: String
    /// The SHA-256 of the bytes, lowercase hex.
    public let sha256: String
    public let byteCount: Int

    public init(path: String, sha256: String, byteCount: Int) {
        self.path = path
        self.sha256 = sha256
        self.byteCount = byteCount
    }
}

import Crypto
import Synchronization

/// The files a configuration names besides its YAML (profile photos), read from the configuration's
/// own source: the folder, or the commit when the configuration comes from git. Validation inspects
/// each file once per load; apply reads the bytes again and takes them only if they are still what
/// was validated, so a folder edited between plan and apply is refused, not half-applied.
public final class AssetCatalog: Sendable {
    /// What validation learns of a file.
    struct Inspection: Sendable {
        let asset: ConfigAsset
        /// Width and height when the file is a JPEG.
        let jpegSize: Size?
        let isMP4: Bool
        /// Seconds, when the file is an MPEG-4 whose header says.
        let duration: Double?

        struct Size: Sendable { let width: Int, height: Int }
    }

    private let source: (any ConfigSource)?
    private let inspected = Mutex<[String: Result<Inspection, ConfigSourceError>]>([:])

    /// A catalog reading from `source`; with none (files handed over without their folder), every
    /// file named is reported as unreadable.
    public init(source: (any ConfigSource)?) {
        self.source = source
    }

    /// The file at `path` (relative to the root), read once and remembered.
    func inspect(_ path: String, maxBytes: Int) -> Result<Inspection, ConfigSourceError> {
        if let known = inspected.withLock({ $0[path] }) { return known }
        let result: Result<Inspection, ConfigSourceError>
        do throws(ConfigSourceError) {
            let bytes = try read(path, maxBytes: maxBytes)
            let size = MediaProbe.jpegSize(bytes).map { Inspection.Size(width: $0.width, height: $0.height) }
            let isMP4 = MediaProbe.isMP4(bytes)
            result = .success(Inspection(asset: ConfigAsset(path: path, sha256: Self.sha256(bytes), byteCount: bytes.count),
                                         jpegSize: size, isMP4: isMP4, duration: isMP4 ? MediaProbe.mp4Duration(bytes) : nil))
        } catch {
            result = .failure(error)
        }
        inspected.withLock { $0[path] = result }
        return result
    }

    /// The bytes of `asset`, provided they are still those validated.
    public func bytes(of asset: ConfigAsset) throws(ConfigSourceError) -> [UInt8] {
        let bytes: [UInt8]
        do {
            bytes = try read(asset.path, maxBytes: asset.byteCount)
        } catch where error.code == .fileTooLarge {
            throw Self.changed(asset)
        }
        guard Self.sha256(bytes) == asset.sha256 else { throw Self.changed(asset) }
        return bytes
    }

    private func read(_ path: String, maxBytes: Int) throws(ConfigSourceError) -> [UInt8] {
        guard let source else {
            throw ConfigSourceError(.fileUnreadable, "'\(path)' cannot be read: these files were given without their folder or commit")
        }
        guard let bytes = try source.asset(at: path, maxBytes: maxBytes) else {
            throw ConfigSourceError(.pathNotFound, "there is no file '\(source.displayPrefix)\(path)'")
        }
        return bytes
    }

    private static func changed(_ asset: ConfigAsset) -> ConfigSourceError {
        ConfigSourceError(.fileChanged, "'\(asset.path)' changed since the configuration was validated; plan again")
    }

    /// SHA-256 of `bytes` as lowercase hex: how ``ConfigAsset/sha256`` is made.
    public static func sha256(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// A profile photo the sandbox keeps as Telegram would: the upload's bytes and the sizes it reports, with
/// ids it makes up. Telegram re-encodes what it is sent, so its `file_unique_id` is new for every upload
/// and never says anything about the content.
struct ProfilePhoto: Sendable, Equatable {
    /// One size of the photo, as a `PhotoSize`.
    struct Size: Sendable, Equatable {
        let fileID: String
        let uniqueID: String
        let side: Int
        let bytes: [UInt8]
    }

    /// Smallest first, as `getUserProfilePhotos` lists them.
    let sizes: [Size]
    let isAnimation: Bool

    /// The sides Telegram reports for a profile photo.
    static let sides = [160, 320, 640]

    /// A photo from `bytes`, its ids made from `serial` (unique per bot and upload).
    init(bytes: [UInt8], isAnimation: Bool, botID: String, serial: Int) {
        self.isAnimation = isAnimation
        sizes = Self.sides.enumerated().map { index, side in
            Size(fileID: "AgACAgIAAx\(botID)_\(serial)_\(index)", uniqueID: "AQAD\(serial)\(botID.suffix(4))\(index)",
                 side: side, bytes: bytes)
        }
    }

    var json: SandboxJSON {
        .array(sizes.map { size in
            .object(["file_id": .string(size.fileID), "file_unique_id": .string(size.uniqueID), "width": .int(Int64(size.side)),
                     "height": .int(Int64(size.side)), "file_size": .int(Int64(size.bytes.count))])
        })
    }

    /// A JPEG starts with FF D8 FF; an MP4 has `ftyp` at offset 4.
    static func isJPEG(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0xFF, 0xD8, 0xFF]) }
    static func isMP4(_ bytes: [UInt8]) -> Bool { bytes.count > 8 && Array(bytes[4..<8]) == Array("ftyp".utf8) }
}

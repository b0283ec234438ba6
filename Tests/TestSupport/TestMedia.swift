/// Files shaped like the photos and clips Telegram takes, made byte by byte: a JPEG with a frame
/// header saying its size, an MPEG-4 with a movie header saying its length. Nothing decodes them,
/// so their pixels are noise; what validation and the sandbox read of them is exact.
public enum TestMedia {
    /// A JPEG of `width` x `height` whose bytes differ with `seed`.
    public static func jpeg(width: Int = 320, height: Int = 320, seed: UInt8 = 1, padding: Int = 64) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
        bytes += [0xFF, 0xC0, 0x00, 0x11, 0x08] + be16(height) + be16(width) + [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        bytes += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]
        bytes += (0..<padding).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ Int(seed)) & 0x7F }
        return bytes + [0xFF, 0xD9]
    }

    /// An MPEG-4 lasting `seconds` (a version-0 `mvhd` at a timescale of 1000) whose bytes differ with `seed`.
    public static func mp4(seconds: Double, seed: UInt8 = 1) -> [UInt8] {
        let ftyp = box("ftyp", Array("isom".utf8) + [0, 0, 2, 0] + Array("isomavc1".utf8))
        var mvhd: [UInt8] = [0, 0, 0, 0] + [0, 0, 0, 0] + [0, 0, 0, 0] + be32(1000) + be32(Int(seconds * 1000))
        mvhd += [0, 1, 0, 0, 1, 0] + Array(repeating: 0, count: 10) + Array(repeating: 0, count: 36) + Array(repeating: 0, count: 24) + be32(2)
        let moov = box("moov", box("mvhd", mvhd))
        let mdat = box("mdat", (0..<64).map { UInt8(truncatingIfNeeded: $0 &+ Int(seed)) })
        return ftyp + moov + mdat
    }

    private static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] {
        be32(payload.count + 8) + Array(type.utf8) + payload
    }

    private static func be16(_ value: Int) -> [UInt8] { [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)] }

    private static func be32(_ value: Int) -> [UInt8] {
        [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }
}

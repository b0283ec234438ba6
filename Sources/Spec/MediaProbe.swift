/// What the first bytes of a photo or a video say about it: enough to refuse what Telegram would
/// refuse (a PNG named .jpg, an oversized side, a clip too long) at validate time, without decoding.
enum MediaProbe {
    /// A JPEG's width and height from its first start-of-frame segment; nil when `bytes` is no JPEG.
    static func jpegSize(_ bytes: [UInt8]) -> (width: Int, height: Int)? {
        guard bytes.starts(with: [0xFF, 0xD8]) else { return nil }
        var index = 2
        while index + 4 <= bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            let marker = bytes[index + 1]
            // Fill bytes and markers that stand alone (no length).
            if marker == 0xFF { index += 1; continue }
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { index += 2; continue }
            let length = Int(bytes[index + 2]) << 8 | Int(bytes[index + 3])
            guard length >= 2 else { return nil }
            // SOF0-SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame's size.
            if (0xC0...0xCF).contains(marker), ![0xC4, 0xC8, 0xCC].contains(marker) {
                guard index + 9 <= bytes.count else { return nil }
                let height = Int(bytes[index + 5]) << 8 | Int(bytes[index + 6])
                let width = Int(bytes[index + 7]) << 8 | Int(bytes[index + 8])
                return (width, height)
            }
            if marker == 0xDA { return nil }
            index += 2 + length
        }
        return nil
    }

    /// True when `bytes` starts like an ISO base media file (MPEG-4): a box of type `ftyp` first.
    static func isMP4(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && Array(bytes[4..<8]) == Array("ftyp".utf8)
    }

    /// An MPEG-4 file's duration in seconds from its movie header (`moov`/`mvhd`); nil when there is
    /// none to be found.
    static func mp4Duration(_ bytes: [UInt8]) -> Double? {
        guard let moov = box("moov", in: bytes, from: 0, to: bytes.count),
              let mvhd = box("mvhd", in: bytes, from: moov.lowerBound, to: moov.upperBound) else { return nil }
        let start = mvhd.lowerBound
        guard start + 4 <= bytes.count else { return nil }
        let version = bytes[start]
        // Version 1 has 64-bit times: creation and modification (8 each), then timescale (4) and duration (8).
        let (scaleAt, durationAt, durationSize) = version == 1 ? (start + 20, start + 24, 8) : (start + 12, start + 16, 4)
        guard durationAt + durationSize <= mvhd.upperBound else { return nil }
        let timescale = integer(bytes, at: scaleAt, size: 4)
        let duration = integer(bytes, at: durationAt, size: durationSize)
        guard timescale > 0 else { return nil }
        return Double(duration) / Double(timescale)
    }

    /// The payload range of the first box of `type` directly inside `from..<to`.
    private static func box(_ type: String, in bytes: [UInt8], from: Int, to: Int) -> Range<Int>? {
        let wanted = Array(type.utf8)
        var index = from
        while index + 8 <= to {
            var size = integer(bytes, at: index, size: 4)
            var header = 8
            if size == 1 {
                guard index + 16 <= to else { return nil }
                size = integer(bytes, at: index + 8, size: 8)
                header = 16
            } else if size == 0 {
                size = UInt64(to - index)
            }
            guard size >= UInt64(header), UInt64(index) + size <= UInt64(to) else { return nil }
            if Array(bytes[(index + 4)..<(index + 8)]) == wanted { return (index + header)..<(index + Int(size)) }
            index += Int(size)
        }
        return nil
    }

    private static func integer(_ bytes: [UInt8], at index: Int, size: Int) -> UInt64 {
        bytes[index..<(index + size)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
}

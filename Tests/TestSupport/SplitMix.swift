/// A small, seeded generator, so a failure can be replayed.
public struct SplitMix: RandomNumberGenerator {
    public var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix {
    /// `text` with 1 to `most` bytes changed, taken out or put in (from `alphabet`), so a differential test can
    /// feed two readers the same broken texts.
    public mutating func mutated(_ text: [UInt8], alphabet: [UInt8], most: UInt64) -> [UInt8] {
        var text = text
        for _ in 0...(next() % most) {
            guard !text.isEmpty else { break }
            let at = Int(next() % UInt64(text.count))
            switch next() % 3 {
            case 0: text[at] = alphabet[Int(next() % UInt64(alphabet.count))]
            case 1: text.remove(at: at)
            default: text.insert(alphabet[Int(next() % UInt64(alphabet.count))], at: at)
            }
        }
        return text
    }
}

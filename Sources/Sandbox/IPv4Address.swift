/// A dotted-quad IPv4 address, as the Bot API server checks webhook addresses.
struct IPv4Address: Sendable, Equatable, CustomStringConvertible {
    /// The address as a 32-bit number, most significant octet first.
    var value: UInt32

    /// Parses exactly four decimal octets; `nil` otherwise.
    init?(_ text: some StringProtocol) {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard (1...3).contains(octet.count), octet.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = UInt32(octet), number <= 255 else { return nil }
            value = value << 8 | number
        }
        self.value = value
    }

    /// Blocks Telegram refuses to deliver webhooks to (private, loopback, link-local, documentation,
    /// benchmarking, multicast and reserved ranges), as listed in the Bot API server's `IPAddress::is_reserved`.
    private static let reservedBlocks: [(base: UInt32, prefixLength: UInt32)] = [
        (0x0000_0000, 8), (0x0A00_0000, 8), (0x6440_0000, 10), (0x7F00_0000, 8), (0xA9FE_0000, 16),
        (0xAC10_0000, 12), (0xC000_0000, 24), (0xC000_0200, 24), (0xC058_6300, 24), (0xC0A8_0000, 16),
        (0xC612_0000, 15), (0xC633_6400, 24), (0xCB00_7100, 24), (0xE000_0000, 3),
    ]

    /// Whether the address lies in a reserved block.
    var isReserved: Bool {
        Self.reservedBlocks.contains { block in
            let mask: UInt32 = block.prefixLength == 0 ? 0 : ~UInt32(0) << (32 - block.prefixLength)
            return value & mask == block.base & mask
        }
    }

    var description: String {
        "\(value >> 24).\(value >> 16 & 0xFF).\(value >> 8 & 0xFF).\(value & 0xFF)"
    }
}

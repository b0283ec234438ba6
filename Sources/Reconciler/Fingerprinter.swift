import Crypto
import Foundation

/// Keyed fingerprints (HMAC-SHA256) of secrets, so write-only values can be compared across runs
/// without storing them.
public struct Fingerprinter: Sendable {
    private let key: SymmetricKey

    /// - Parameter key: base64 of the inventory's key.
    public init(key: String) {
        self.key = SymmetricKey(data: Data(base64Encoded: key) ?? Data(key.utf8))
    }

    /// `hmac-sha256:<hex>`.
    public func fingerprint(_ secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(secret.utf8), using: key)
        return "hmac-sha256:" + Fingerprinter.hex(mac)
    }

    /// A fresh random 256-bit key, base64.
    public static func newKey() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
    }

    /// SHA-256 hex of any text (plan digests; not for secrets).
    public static func digest(_ text: String) -> String {
        hex(SHA256.hash(data: Data(text.utf8)))
    }

    /// Lowercase hex. A plan digests every observed value, so this is on the hot path: no
    /// `String(format:)` per byte.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

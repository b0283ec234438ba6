import Crypto
import Foundation

/// `X-Botops-Signature` as a sender computes it: `sha256=` and the hex HMAC-SHA256 of the body.
enum PushSignature {
    static func sign(_ body: String, _ secret: String) -> String {
        "sha256=" + HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: SymmetricKey(data: Data(secret.utf8)))
            .map { String(format: "%02x", $0) }.joined()
    }
}

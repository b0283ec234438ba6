import Crypto
import Foundation
import Hummingbird
import NIOCore
import Reconciler
import Spec

/// Receives pushes from git forges (`POST /hooks/github`, `/hooks/gitlab`, `/hooks/gitea`) or anything
/// that signs its body (`POST /hooks/generic`), each enabled by its secret. A valid push to the tracked branch marks a pass
/// due; a push to another branch is acknowledged and ignored.
///
/// Signatures are HMAC-SHA256 of the raw body, hex, as `sha256=<hex>` (GitHub's `X-Hub-Signature-256`,
/// botops' `X-Botops-Signature`; Gitea's `X-Gitea-Signature` is the bare hex), compared in constant time;
/// GitLab sends the secret itself as `X-Gitlab-Token`, compared in constant time too. A receiver without a secret does not exist
/// (404); a body above 1 MiB is refused (413) before it is checked.
public struct PushReceiver: Sendable {
    public static let maxBody = 1 << 20

    public let githubSecret: String?
    public let gitlabToken: String?
    public let giteaSecret: String?
    public let genericSecret: String?
    /// The tracked branch (`main`); nil accepts every branch.
    public let branch: String?

    public init(githubSecret: String? = nil, gitlabToken: String? = nil, giteaSecret: String? = nil,
                genericSecret: String? = nil, branch: String? = nil) {
        self.githubSecret = githubSecret
        self.gitlabToken = gitlabToken
        self.giteaSecret = giteaSecret
        self.genericSecret = genericSecret
        self.branch = branch
    }

    /// What a delivery asks for.
    public enum Verdict: Equatable, Sendable {
        case notFound
        case unauthorized
        case ping
        case ignored(String)
        case push(ref: String?)
    }

    /// Decides on a GitHub delivery (`X-GitHub-Event`, `X-Hub-Signature-256`).
    public func github(event: String?, signature: String?, body: ByteBuffer) -> Verdict {
        guard let githubSecret else { return .notFound }
        guard Self.valid(signature, body: body, secret: githubSecret) else { return .unauthorized }
        if event == "ping" { return .ping }
        guard event == "push" else { return .ignored("event '\(event ?? "none")' is not a push") }
        return onBranch(Self.ref(in: body))
    }

    /// Decides on a GitLab delivery (`X-Gitlab-Event`, `X-Gitlab-Token`).
    public func gitlab(event: String?, token: String?, body: ByteBuffer) -> Verdict {
        guard let gitlabToken else { return .notFound }
        guard let token, Self.sameDigest(token, gitlabToken) else { return .unauthorized }
        guard event == "Push Hook" else { return .ignored("event '\(event ?? "none")' is not a push") }
        return onBranch(Self.ref(in: body))
    }

    /// Decides on a Gitea delivery (`X-Gitea-Event`, `X-Gitea-Signature`: hex HMAC-SHA256 of the body).
    public func gitea(event: String?, signature: String?, body: ByteBuffer) -> Verdict {
        guard let giteaSecret else { return .notFound }
        guard Self.valid(signature.map { "sha256=" + $0 }, body: body, secret: giteaSecret) else { return .unauthorized }
        guard event == "push" else { return .ignored("event '\(event ?? "none")' is not a push") }
        return onBranch(Self.ref(in: body))
    }

    /// Constant-time equality of two texts, through their digests (equal lengths whatever the input).
    static func sameDigest(_ a: String, _ b: String) -> Bool {
        let x = Array(SHA256.hash(data: Data(a.utf8))), y = Array(SHA256.hash(data: Data(b.utf8)))
        var difference: UInt8 = 0
        for index in 0..<32 { difference |= x[index] ^ y[index] }
        return difference == 0
    }

    /// Decides on a generic delivery (`X-Botops-Signature`); the body may name `ref` like GitHub's.
    public func generic(signature: String?, body: ByteBuffer) -> Verdict {
        guard let genericSecret else { return .notFound }
        guard Self.valid(signature, body: body, secret: genericSecret) else { return .unauthorized }
        return onBranch(Self.ref(in: body))
    }

    private func onBranch(_ ref: String?) -> Verdict {
        guard let branch, let ref else { return .push(ref: ref) }
        let pushed = ref.hasPrefix("refs/heads/") ? String(ref.dropFirst("refs/heads/".count)) : ref
        return pushed == branch ? .push(ref: ref) : .ignored("a push to '\(pushed)', not to the tracked branch '\(branch)'")
    }

    /// The pushed ref, when the body is JSON that names one; a body without one is a push of unknown
    /// branch, which a generic sender may send, and is taken as a push.
    static func ref(in body: ByteBuffer) -> String? {
        JSONValue.parsed(body.readableBytesView)?["ref"]?.stringValue
    }

    /// `sha256=<hex>` of HMAC-SHA256(body), checked in constant time.
    static func valid(_ header: String?, body: ByteBuffer, secret: String) -> Bool {
        guard let header, header.hasPrefix("sha256="), let mac = Data(hex: String(header.dropFirst(7))), mac.count == 32 else {
            return false
        }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(body.readableBytesView),
                                                      using: SymmetricKey(data: Data(secret.utf8)))
    }
}

extension Data {
    /// Bytes of an even-length hex string; nil for anything else.
    init?(hex: String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var iterator = hex.utf8.makeIterator()
        while let high = iterator.next() {
            guard let low = iterator.next(), let h = Self.nibble(high), let l = Self.nibble(low) else { return nil }
            bytes.append(h << 4 | l)
        }
        self.init(bytes)
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

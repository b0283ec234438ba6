import Crypto
import Daemon
import Foundation
import NIOCore
import Testing

@Suite("Push receivers: signed bodies only, pushes to the tracked branch only", .timeLimit(.minutes(5)))
struct PushReceiverTests {
    static let secret = "hook-secret"
    static let body = ByteBuffer(string: #"{"ref": "refs/heads/main", "after": "a1b2c3"}"#)

    static func sign(_ body: ByteBuffer, secret: String = secret) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(body.readableBytesView), using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    let receiver = PushReceiver(githubSecret: secret, gitlabToken: secret, giteaSecret: secret, genericSecret: secret, branch: "main")

    @Test func gitlabAndGiteaPushesAreCheckedTheirWay() {
        #expect(receiver.gitlab(event: "Push Hook", token: Self.secret, body: Self.body) == .push(ref: "refs/heads/main"))
        #expect(receiver.gitlab(event: "Push Hook", token: "wrong", body: Self.body) == .unauthorized)
        #expect(receiver.gitlab(event: "Push Hook", token: nil, body: Self.body) == .unauthorized)
        let bare = String(Self.sign(Self.body).dropFirst("sha256=".count))
        #expect(receiver.gitea(event: "push", signature: bare, body: Self.body) == .push(ref: "refs/heads/main"))
        #expect(receiver.gitea(event: "push", signature: Self.sign(Self.body), body: Self.body) == .unauthorized,
                "Gitea's header is the bare hex")
        if case .ignored = receiver.gitlab(event: "Tag Push Hook", token: Self.secret, body: Self.body) {} else {
            Issue.record("a tag push is not a branch push")
        }
    }

    @Test func aValidGitHubPushToTheBranchIsAPush() {
        #expect(receiver.github(event: "push", signature: Self.sign(Self.body), body: Self.body) == .push(ref: "refs/heads/main"))
        #expect(receiver.generic(signature: Self.sign(Self.body), body: Self.body) == .push(ref: "refs/heads/main"))
    }

    @Test func aWrongMissingOrMalformedSignatureIsUnauthorized() {
        #expect(receiver.github(event: "push", signature: Self.sign(Self.body, secret: "other"), body: Self.body) == .unauthorized)
        #expect(receiver.github(event: "push", signature: nil, body: Self.body) == .unauthorized)
        #expect(receiver.github(event: "push", signature: "sha256=zz", body: Self.body) == .unauthorized)
        #expect(receiver.generic(signature: Self.sign(Self.body).replacingOccurrences(of: "sha256=", with: "sha1="), body: Self.body)
                == .unauthorized)
        let tampered = ByteBuffer(string: #"{"ref": "refs/heads/main", "after": "evil"}"#)
        #expect(receiver.generic(signature: Self.sign(Self.body), body: tampered) == .unauthorized, "the signature covers the body")
    }

    @Test func otherBranchesAndEventsAreIgnoredAndPingAnswered() {
        let other = ByteBuffer(string: #"{"ref": "refs/heads/feature"}"#)
        guard case let .ignored(reason) = receiver.github(event: "push", signature: Self.sign(other), body: other) else {
            Issue.record("a push to another branch must be ignored")
            return
        }
        #expect(reason.contains("feature") && reason.contains("main"))
        #expect(receiver.github(event: "ping", signature: Self.sign(Self.body), body: Self.body) == .ping)
        if case .ignored = receiver.github(event: "issues", signature: Self.sign(Self.body), body: Self.body) {} else {
            Issue.record("a non-push event must be ignored")
        }
    }

    @Test func aReceiverWithoutASecretDoesNotExist() {
        let closed = PushReceiver()
        #expect(closed.github(event: "push", signature: Self.sign(Self.body), body: Self.body) == .notFound)
        #expect(closed.generic(signature: Self.sign(Self.body), body: Self.body) == .notFound)
    }
}

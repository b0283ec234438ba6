import Crypto
import Foundation

/// Sessions of the fleet page: a cookie made when an API key signs in, holding the key's role, when it
/// expires and which key it came from (a fingerprint, never the key), signed with a secret derived from the
/// configured keys (``APIKeys/sessionSecret``), so any replica with the same keys accepts it, and a changed or
/// removed key ends its sessions. Forms that change something carry a token derived from the session, which
/// a page of another site cannot read (the cookie is `SameSite=Strict` and `HttpOnly` too).
public struct PageSessions: Sendable {
    /// The cookie's name.
    public static let cookie = "botops_session"
    /// How long a session lasts.
    public static let lifetime: TimeInterval = 12 * 3600

    /// A signed-in reader or operator.
    public struct Session: Sendable, Equatable {
        public let role: APIKeys.Role
        public let expires: Date
        let fingerprint: String
        /// The cookie's value, which the anti-forgery token is derived from.
        let value: String
    }

    let keys: APIKeys
    /// `Secure` on the cookie: the daemon is told its public address is https (a proxy terminates TLS).
    let secure: Bool
    /// `host[:port]` of the public address, whose forms are accepted besides the daemon's own address.
    let publicAuthority: String?

    public init(keys: APIKeys, publicURL: String? = nil) {
        self.keys = keys
        let components = publicURL.flatMap(URLComponents.init(string:))
        secure = components?.scheme?.lowercased() == "https"
        publicAuthority = components?.host.map { host in components?.port.map { "\(host):\($0)" } ?? host }
    }

    /// A session for a presented key; nil when the key matches none.
    public func signIn(key: String, now: Date = Date()) -> Session? {
        guard let (role, fingerprint) = keys.grant(key) else { return nil }
        let expires = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + Self.lifetime).rounded(.down))
        let payload = "v1.\(role.rawValue).\(Int(expires.timeIntervalSince1970)).\(fingerprint)"
        return Session(role: role, expires: expires, fingerprint: fingerprint, value: payload + "." + sign(payload))
    }

    /// The session a `Cookie` header carries; nil when none, forged, expired, or its key is gone.
    public func session(cookieHeader: String?, now: Date = Date()) -> Session? {
        guard let value = Self.cookieValue(cookieHeader) else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v1", let role = APIKeys.Role(rawValue: parts[1]), let seconds = Int(parts[2]) else { return nil }
        let payload = parts[0...3].joined(separator: ".")
        guard Self.constantTimeEqual(sign(payload), parts[4]) else { return nil }
        let expires = Date(timeIntervalSince1970: TimeInterval(seconds))
        guard expires > now, let current = keys.role(ofFingerprint: parts[3]), current >= role else { return nil }
        return Session(role: role, expires: expires, fingerprint: parts[3], value: value)
    }

    /// The anti-forgery token of `session`'s forms.
    public func formToken(for session: Session) -> String {
        sign("form." + session.value)
    }

    /// Whether a form's token is `session`'s.
    public func checks(formToken: String?, for session: Session) -> Bool {
        guard let formToken else { return false }
        return Self.constantTimeEqual(self.formToken(for: session), formToken)
    }

    /// `Set-Cookie` for a new session.
    public func setCookie(_ session: Session, now: Date = Date()) -> String {
        "\(Self.cookie)=\(session.value); Path=/; Max-Age=\(Int(session.expires.timeIntervalSince(now))); HttpOnly; SameSite=Strict"
            + (secure ? "; Secure" : "")
    }

    /// `Set-Cookie` that ends the session in the browser.
    public var clearCookie: String {
        "\(Self.cookie)=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    private func sign(_ payload: String) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: keys.sessionSecret)
        return Data(code).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func cookieValue(_ header: String?) -> String? {
        for part in (header ?? "").split(separator: ";") {
            let pair = part.trimmingCharacters(in: .whitespaces)
            if pair.hasPrefix(cookie + "=") { return String(pair.dropFirst(cookie.count + 1)) }
        }
        return nil
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

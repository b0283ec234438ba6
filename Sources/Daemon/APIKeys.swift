import Crypto
import Foundation

/// The bearer keys of the daemon's API, each with a role: `read` (status, history) or `operate` (also
/// reconcile and restart). Keys are kept as SHA-256 digests and compared in constant time against every
/// configured key, so neither a timing nor an early exit says which key came close. Never logged.
public struct APIKeys: Sendable {
    public enum Role: String, Sendable, Comparable, CaseIterable {
        case read
        case operate

        public static func < (a: Role, b: Role) -> Bool { a == .read && b == .operate }
    }

    /// What a request may do.
    public enum Decision: Equatable, Sendable {
        case allowed
        /// No key, or one that matches nothing (401).
        case unauthenticated
        /// A valid key whose role is too weak (403).
        case forbidden
    }

    private let keys: [(digest: [UInt8], role: Role)]

    /// The fewest characters a key may have. A key guards reconciles and container restarts over the network,
    /// where nothing else slows a guesser down: 16 characters of `openssl rand -hex 16`'s output are 64 bits.
    public static let minimumLength = 16

    public init(_ keys: [(key: String, role: Role)] = []) {
        self.keys = keys.map { (Array(SHA256.hash(data: Data($0.key.utf8))), $0.role) }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// Decides on an `Authorization` header for an action that needs `role`.
    public func authorize(_ authorization: String?, needs role: Role) -> Decision {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return .unauthenticated }
        guard let granted = grant(String(authorization.dropFirst("Bearer ".count)))?.role else { return .unauthenticated }
        return granted >= role ? .allowed : .forbidden
    }

    /// The strongest role a presented key has, and a short fingerprint naming that key (not the key: a
    /// digest of its digest) for a session to be tied to; nil for a key that matches none.
    func grant(_ presented: String) -> (role: Role, fingerprint: String)? {
        let digest = Array(SHA256.hash(data: Data(presented.utf8)))
        var granted: (role: Role, fingerprint: String)?
        for key in keys {
            var difference: UInt8 = 0
            for index in 0..<32 { difference |= key.digest[index] ^ digest[index] }
            if difference == 0, granted.map({ key.role > $0.role }) ?? true { granted = (key.role, Self.fingerprint(key.digest)) }
        }
        return granted
    }

    /// The role of the configured key with `fingerprint`, if it is still configured.
    func role(ofFingerprint fingerprint: String) -> Role? {
        keys.filter { Self.fingerprint($0.digest) == fingerprint }.map(\.role).max()
    }

    private static func fingerprint(_ digest: [UInt8]) -> String {
        SHA256.hash(data: Data(digest)).prefix(8).map { String(format: "%02x", $0) }.joined()
    }

    /// A secret every replica configured with the same keys derives alike, for signing page sessions: sessions
    /// then hold on any replica, and end when the keys change.
    var sessionSecret: SymmetricKey {
        var hasher = SHA256()
        hasher.update(data: Data("botops page sessions v1".utf8))
        for digest in keys.map(\.digest).sorted(by: { $0.lexicographicallyPrecedes($1) }) { hasher.update(data: Data(digest)) }
        return SymmetricKey(data: Data(hasher.finalize()))
    }
}

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

    public init(_ keys: [(key: String, role: Role)] = []) {
        self.keys = keys.map { (Array(SHA256.hash(data: Data($0.key.utf8))), $0.role) }
    }

    public var isEmpty: Bool { keys.isEmpty }

    /// Decides on an `Authorization` header for an action that needs `role`.
    public func authorize(_ authorization: String?, needs role: Role) -> Decision {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return .unauthenticated }
        let presented = Array(SHA256.hash(data: Data(authorization.dropFirst("Bearer ".count).utf8)))
        var granted: Role?
        for key in keys {
            var difference: UInt8 = 0
            for index in 0..<32 { difference |= key.digest[index] ^ presented[index] }
            if difference == 0 { granted = max(granted ?? key.role, key.role) }
        }
        guard let granted else { return .unauthenticated }
        return granted >= role ? .allowed : .forbidden
    }
}

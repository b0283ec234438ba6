import CGit2

/// Conversions between libgit2's binary object ids and the 40-hex text users and logs see.
enum GitObjectID {
    /// Hex digits in a SHA-1 object id: libgit2 1.5 knows only SHA-1 (its GIT_OID_HEXSZ).
    static let hexLength = 40

    /// The full 40-character lower-case hex form of `oid`.
    static func hex(_ oid: git_oid) -> String {
        var oid = oid
        // hexLength characters, not NUL-terminated by git_oid_fmt, plus room for a NUL.
        var buffer = [CChar](repeating: 0, count: hexLength + 1)
        _ = git_oid_fmt(&buffer, &oid)
        return String(decoding: buffer.prefix(hexLength).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Parses a full 40-hex id; nil for anything else (short ids go through revparse instead).
    static func parse(_ hex: String) -> git_oid? {
        guard hex.utf8.count == hexLength else { return nil }
        var oid = git_oid()
        guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
        return oid
    }
}

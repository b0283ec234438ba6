/// A webhook URL split the way the Bot API server's `td::parse_url` splits it: a missing scheme means
/// HTTPS, only `http` and `https` are accepted, and the port defaults to the scheme's.
struct WebhookURL: Sendable, Equatable {
    /// Whether the scheme is `https` (the only one Telegram delivers to).
    var isHTTPS: Bool
    /// The host as written; IPv6 literals keep their brackets.
    var host: String
    /// The explicit or default port.
    var port: Int

    /// Parses `text`; `nil` when the Bot API server would answer "invalid webhook URL specified".
    init?(_ text: String) {
        var rest = Substring(text)
        if let range = rest.range(of: "://") {
            switch rest[..<range.lowerBound].lowercased() {
            case "https": isHTTPS = true
            case "http": isHTTPS = false
            default: return nil
            }
            rest = rest[range.upperBound...]
        } else {
            isHTTPS = true
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        var hostPart = hostAndPort
        var portPart: Substring?
        if hostAndPort.hasPrefix("[") {
            guard let close = hostAndPort.firstIndex(of: "]") else { return nil }
            hostPart = hostAndPort[...close]
            let after = hostAndPort[hostAndPort.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portPart = after.dropFirst()
            }
        } else if let colon = hostAndPort.lastIndex(of: ":") {
            hostPart = hostAndPort[..<colon]
            portPart = hostAndPort[hostAndPort.index(after: colon)...]
        }
        guard !hostPart.isEmpty, hostPart.unicodeScalars.allSatisfy(Self.isHostScalar) else { return nil }
        host = String(hostPart)
        if let portPart {
            guard let number = Int(portPart), (1...65535).contains(number) else { return nil }
            port = number
        } else {
            port = isHTTPS ? 443 : 80
        }
    }

    /// Characters allowed in a host: unreserved and sub-delimiter characters, `%`, IPv6 brackets and
    /// colons, and anything non-ASCII (internationalized names).
    private static func isHostScalar(_ scalar: Unicode.Scalar) -> Bool {
        if !scalar.isASCII { return true }
        switch scalar {
        case "a"..."z", "A"..."Z", "0"..."9": return true
        case "-", ".", "_", "~", "!", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "%", "[", "]", ":": return true
        default: return false
        }
    }

    /// Whether the host is an IPv6 literal such as `[::1]`.
    var isIPv6Literal: Bool {
        host.hasPrefix("[")
    }
}

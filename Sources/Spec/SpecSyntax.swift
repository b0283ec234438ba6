import Foundation

/// Small syntax checks shared by the decoders. Written by hand rather than as regular expressions
/// because they run for every document and validating large fleets must stay fast.
enum SpecSyntax {
    static func isLowerAlnum(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    /// A DNS label: `^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`, at most 63 characters.
    static func isDNSLabel(_ name: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard (1...63).contains(scalars.count), isLowerAlnum(scalars.first!), isLowerAlnum(scalars.last!) else {
            return false
        }
        return scalars.allSatisfy { isLowerAlnum($0) || $0 == "-" }
    }

    /// `[A-Za-z_][A-Za-z0-9_]*`.
    static func isEnvironmentName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// An IPv4 or IPv6 address in text form.
    static func isIPAddress(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }

    /// A chat id written as a string (`"-1001234567890"`), which the Bot API accepts, since its
    /// `chat_id` is Integer or String: the number it is; nil for anything but an optional minus and digits.
    static func quotedChatID(_ text: String) -> Int64? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }) else { return nil }
        return Int64(text)
    }

    /// A channel username: `@` then 5-32 of `[A-Za-z0-9_]`, starting with a letter (Telegram's rule).
    static func isChannelUsername(_ text: String) -> Bool {
        guard text.hasPrefix("@") else { return false }
        let body = Array(text.unicodeScalars.dropFirst())
        guard (5...32).contains(body.count), let first = body.first,
              ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return body.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_"
        }
    }

    /// Go-style durations as Docker takes them: `500ms`, `30s`, `1m30s`, `2h`; nil when malformed.
    static func milliseconds(ofDuration text: String) -> Int? {
        var total = 0
        var number = ""
        var index = text.startIndex
        guard !text.isEmpty else { return nil }
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber {
                number.append(character)
                index = text.index(after: index)
                continue
            }
            guard let value = Int(number) else { return nil }
            let rest = text[index...]
            let unit: Int
            if rest.hasPrefix("ms") {
                unit = 1
                index = text.index(index, offsetBy: 2)
            } else {
                switch character {
                case "s": unit = 1000
                case "m": unit = 60_000
                case "h": unit = 3_600_000
                default: return nil
                }
                index = text.index(after: index)
            }
            total += value * unit
            number = ""
        }
        return number.isEmpty ? total : nil
    }

    /// `256Mi`, `1g`, `512000`: bytes, or nil when malformed. Every unit is binary, as Docker reads
    /// `512m` and `512M` alike, so a limit copied from a compose file means the same here.
    static func bytes(ofMemory text: String) -> Int64? {
        let digits = text.prefix { $0.isASCII && $0.isNumber }
        guard let value = Int64(digits), !digits.isEmpty else { return nil }
        let multipliers: [String: Int64] = [
            "": 1, "b": 1, "k": 1024, "m": 1024 * 1024, "g": 1024 * 1024 * 1024,
            "K": 1024, "M": 1024 * 1024, "G": 1024 * 1024 * 1024, "T": 1024 * 1024 * 1024 * 1024,
            "Ki": 1024, "Mi": 1024 * 1024, "Gi": 1024 * 1024 * 1024, "Ti": 1024 * 1024 * 1024 * 1024,
        ]
        guard let multiplier = multipliers[String(text.dropFirst(digits.count))] else { return nil }
        let (result, overflow) = value.multipliedReportingOverflow(by: multiplier)
        return overflow ? nil : result
    }
}

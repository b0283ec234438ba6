import Foundation

/// `application/x-www-form-urlencoded` and query-string decoding.
enum FormURLEncoding {
    /// Name-value pairs in order; `+` is a space and `%XX` escapes are decoded (kept as written when invalid).
    static func decode(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? unescape(parts[1]) : ""
            return (unescape(parts[0]), value)
        }
    }

    private static func unescape(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}

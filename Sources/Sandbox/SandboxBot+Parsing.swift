import Foundation

extension SandboxBot {
    /// Parses a `--bot` value, `TOKEN` or `TOKEN=username`.
    ///
    /// - Throws: ``SandboxConfigurationError`` with code `malformedToken`; the message never repeats the token.
    public static func parseOption(_ text: String) throws -> SandboxBot {
        let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        let token = String(parts[0]).trimmingCharacters(in: .whitespaces)
        guard isWellFormedToken(token) else {
            throw SandboxConfigurationError(
                code: .malformedToken,
                message: "--bot needs TOKEN or TOKEN=username with a token shaped <digits>:<at least 30 of A-Z a-z 0-9 _ ->"
            )
        }
        var username: String?
        if parts.count == 2 {
            let name = parts[1].trimmingCharacters(in: .whitespaces)
            username = name.isEmpty ? nil : name.hasPrefix("@") ? String(name.dropFirst()) : name
        }
        return SandboxBot(token: token, username: username)
    }

    /// Parses a bots file: one `TOKEN [username]` per line; blank lines and `#` comments are ignored.
    ///
    /// - Parameters:
    ///   - contents: The file's text.
    ///   - path: The file's path, used in error messages.
    /// - Throws: ``SandboxConfigurationError`` naming the file and line; never the token.
    public static func parseBotsFile(_ contents: String, path: String) throws -> [SandboxBot] {
        var bots: [SandboxBot] = []
        for (index, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.prefix { $0 != "#" }.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count <= 2 else {
                throw SandboxConfigurationError(
                    code: .malformedBotsFile,
                    message: "\(path):\(index + 1): expected 'TOKEN username', found \(fields.count) fields"
                )
            }
            let token = String(fields[0])
            guard isWellFormedToken(token) else {
                throw SandboxConfigurationError(
                    code: .malformedBotsFile,
                    message: "\(path):\(index + 1): malformed token; expected <digits>:<at least 30 of A-Z a-z 0-9 _ ->"
                )
            }
            let username = fields.count == 2 ? String(fields[1]) : nil
            bots.append(SandboxBot(token: token, username: username.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }))
        }
        return bots
    }
}

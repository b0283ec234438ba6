import Foundation

extension MappingReader {
    /// A string that must be one of `allowed`, with a suggestion for near misses.
    public func oneOf(_ key: String, _ allowed: [String], required isRequired: Bool = false) -> String? {
        guard let value = string(key, required: isRequired) else { return nil }
        guard allowed.contains(value) else {
            context.sink.error(.invalidValue, at: valueLocation(key),
                "'\(childPath(key))' must be one of \(allowed.joined(separator: ", ")), not '\(value)'"
                + Suggestion.phrase(for: value, in: allowed))
            return nil
        }
        return value
    }

    /// A required string that must not be empty.
    public func nonEmptyString(_ key: String, required isRequired: Bool = true) -> String? {
        guard let value = string(key, required: isRequired) else { return nil }
        // Foundation's trimming was 4 % of validating a large fleet; a text that starts with a printable ASCII
        // character other than a space is not empty once trimmed, which is known without it.
        let printable = value.utf8.first.map { $0 > 0x20 && $0 < 0x7F } ?? false
        guard printable || !value.trimmingCharacters(in: .whitespaces).isEmpty else {
            context.sink.error(.invalidValue, at: valueLocation(key), "'\(childPath(key))' must not be empty")
            return nil
        }
        return value
    }

    /// A chat: an integer chat id (also written as a quoted number) or an `@username`.
    public func chat(_ key: String) -> ChatReference? {
        guard let node = required(key) else { return nil }
        if let id = node.intScalar.map(Int64.init) ?? node.stringScalar.flatMap(SpecSyntax.quotedChatID) { return .id(id) }
        if let text = node.stringScalar, SpecSyntax.isChannelUsername(text) { return .username(text) }
        context.sink.error(.invalidValue, at: context.location(of: node),
            "'\(childPath(key))' must be a numeric chat id or an @username")
        return nil
    }

    /// A secret reference: `{fromEnv: NAME}` or `{fromFile: /path}`. A literal is an error.
    public func secret(_ key: String, required isRequired: Bool = false) -> SecretReference? {
        guard let node = isRequired ? required(key) : self.node(key) else { return nil }
        return MappingReader.secret(node, path: childPath(key), context: context)
    }

    static func secret(_ node: YAMLNode, path: String, context: ReadContext) -> SecretReference? {
        let location = context.location(of: node)
        guard node.kind == .mapping else {
            if node.kind == .scalar {
                context.sink.error(.literalSecret, at: location,
                    "'\(path)' is written in clear; secrets never go into git: reference it with "
                    + "{fromEnv: NAME} or {fromFile: /path}")
            } else {
                context.sink.error(.typeMismatch, at: location,
                    "'\(path)' must be a secret reference ({fromEnv: NAME} or {fromFile: /path}), not \(node.typeDescription)")
            }
            return nil
        }
        guard let reader = MappingReader(node, path: path, context: context) else { return nil }
        reader.rejectUnknownKeys(["fromEnv", "fromFile"], in: "secret reference '\(path)'")
        let env = reader.string("fromEnv")
        let file = reader.string("fromFile")
        switch (reader.has("fromEnv"), reader.has("fromFile")) {
        case (true, true):
            context.sink.error(.invalidValue, at: location,
                "secret reference '\(path)' has both fromEnv and fromFile; keep exactly one")
            return nil
        case (false, false):
            context.sink.error(.missingField, at: location,
                "secret reference '\(path)' needs fromEnv or fromFile")
            return nil
        default:
            break
        }
        if let env {
            guard SpecSyntax.isEnvironmentName(env) else {
                context.sink.error(.invalidValue, at: reader.valueLocation("fromEnv"),
                    // The value is not repeated: what lands here is often the secret itself, pasted in.
                    "'\(path).fromEnv' must be an environment variable name ([A-Za-z_][A-Za-z0-9_]*)")
                return nil
            }
            return SecretReference(.environment(env), location: location)
        }
        if let file {
            guard !file.isEmpty else {
                context.sink.error(.invalidValue, at: reader.valueLocation("fromFile"), "'\(path).fromFile' must not be empty")
                return nil
            }
            return SecretReference(.file(file), location: location)
        }
        return nil
    }

    /// Checks a text against a length limit Telegram enforces, counting Unicode code points as Telegram does.
    public func checkLength(_ key: String, _ value: String, max: Int, min: Int = 0) {
        let length = value.unicodeScalars.count
        if length > max {
            context.sink.error(.telegramLimit, at: valueLocation(key),
                "'\(childPath(key))' is \(length) characters long; Telegram allows at most \(max)")
        } else if length < min {
            context.sink.error(.telegramLimit, at: valueLocation(key),
                "'\(childPath(key))' must not be empty; Telegram requires \(min) to \(max) characters")
        }
    }
}

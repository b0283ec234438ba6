/// Reads members of a JSON object with the Bot API server's coercions and error texts
/// (`Can't find field "x"`, `Field "x" must be of type String`, ...).
struct JSONFieldReader: Sendable {
    /// A member was missing or had the wrong type; `message` is the server's sentence.
    struct FieldError: Error, Sendable {
        var message: String
    }

    let object: [String: SandboxJSON]

    init(_ object: [String: SandboxJSON]) {
        self.object = object
    }

    private func present(_ name: String) -> SandboxJSON? {
        guard let value = object[name], value != .null else { return nil }
        return value
    }

    /// A string member; numbers are accepted as their text.
    func requiredString(_ name: String) throws(FieldError) -> String {
        guard let value = present(name) else { throw FieldError(message: "Can't find field \"\(name)\"") }
        return try string(value, name: name)
    }

    /// A string member, `""` when absent.
    func optionalString(_ name: String) throws(FieldError) -> String {
        guard let value = present(name) else { return "" }
        return try string(value, name: name)
    }

    private func string(_ value: SandboxJSON, name: String) throws(FieldError) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: throw FieldError(message: "Field \"\(name)\" must be of type String")
        }
    }

    /// A boolean member, `false` when absent.
    func optionalBool(_ name: String) throws(FieldError) -> Bool {
        guard let value = present(name) else { return false }
        guard case .bool(let flag) = value else { throw FieldError(message: "Field \"\(name)\" must be of type Boolean") }
        return flag
    }

    /// Whether the member is present (and not null).
    func has(_ name: String) -> Bool {
        present(name) != nil
    }

    /// A 64-bit integer member; numeric strings are accepted.
    func requiredInt64(_ name: String) throws(FieldError) -> Int64 {
        guard let value = present(name) else { throw FieldError(message: "Can't find field \"\(name)\"") }
        switch value {
        case .int(let number):
            return number
        case .string(let text):
            guard let number = Int64(text) else { throw FieldError(message: "Field \"\(name)\" must be a valid Number") }
            return number
        default:
            throw FieldError(message: "Field \"\(name)\" must be a Number")
        }
    }

    /// An object member.
    func requiredObject(_ name: String) throws(FieldError) -> [String: SandboxJSON] {
        guard let value = present(name) else { throw FieldError(message: "Can't find field \"\(name)\"") }
        guard case .object(let members) = value else { throw FieldError(message: "Field \"\(name)\" must be of type Object") }
        return members
    }
}

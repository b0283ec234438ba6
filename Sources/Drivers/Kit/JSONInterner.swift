import Spec

/// One copy of each distinct value met while reading one document: a fleet's state holds the same attribute
/// values for many resources (the same commands, languages, settings and photo on a thousand bots), and each
/// parsed copy is its own dictionaries and strings. Values with no storage of their own (numbers, booleans,
/// strings short enough to be kept inline) are passed through.
struct JSONInterner {
    private var seen: Set<JSONValue> = []

    /// `value`, or the equal value met before it.
    mutating func callAsFunction(_ value: JSONValue) -> JSONValue {
        switch value {
        case .null, .bool, .int, .double:
            return value
        case let .string(text) where text.utf8.count <= 15:
            return value
        case .string, .array, .object:
            return seen.insert(value).memberAfterInsert
        }
    }
}

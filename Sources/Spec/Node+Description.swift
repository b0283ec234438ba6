import Yams

extension Node {
    /// The YAML type of the node as a user would call it, for "must be X, not Y" messages.
    var typeDescription: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch tagName {
            case .str: return "a string"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            case .null: return "null"
            default: return "a \(tagName.rawValue) value"
            }
        }
    }

    /// The string of a scalar that YAML reads as a string (quoted, or plain text that is not a
    /// number, boolean or null).
    var stringScalar: String? {
        guard case let .scalar(scalar) = self, tagName == .str else { return nil }
        return scalar.string
    }

    /// True for a plain scalar YAML 1.1 reads as a boolean although a string was probably meant
    /// (`no`, `on`, `yes`, `off`).
    var isYAML11Boolean: Bool {
        guard case let .scalar(scalar) = self, tagName == .bool else { return false }
        return !["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string)
    }
}

extension Node {
    /// The resolved tag's name (Yams keeps `Tag.name` internal; `rawValue` is its public form).
    var tagName: Tag.Name { Tag.Name(rawValue: tag.rawValue) }
}

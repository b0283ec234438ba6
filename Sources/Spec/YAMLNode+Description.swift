extension YAMLNode {
    /// The value of a scalar as YAML 1.1 reads it; nil for mappings and lists.
    var scalarValue: YAMLScalar? {
        scalar.map(YAMLScalar.init)
    }

    /// The YAML type of the node as a user would call it, for "must be X, not Y" messages.
    var typeDescription: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar:
            switch scalarValue {
            case .string: return "a string"
            case .int: return "an integer"
            case .float: return "a number"
            case .bool: return "a boolean"
            case .timestamp: return "a date"
            case .null, nil: return "null"
            }
        }
    }

    /// The string of a scalar that YAML reads as a string (quoted, or plain text that is not a
    /// number, boolean, date or null).
    var stringScalar: String? {
        if case let .string(value)? = scalarValue { return value }
        return nil
    }

    var intScalar: Int? {
        if case let .int(value)? = scalarValue { return value }
        return nil
    }

    /// An integer or a float, as a number.
    var numberScalar: Double? {
        switch scalarValue {
        case let .int(value)?: return Double(value)
        case let .float(value)?: return value
        default: return nil
        }
    }

    var boolScalar: Bool? {
        if case let .bool(value)? = scalarValue { return value }
        return nil
    }

    var isNullScalar: Bool { scalarValue == .null }

    /// True for a plain scalar YAML 1.1 reads as a boolean although a string was probably meant
    /// (`no`, `on`, `yes`, `off`).
    var isYAML11Boolean: Bool {
        guard let scalar, boolScalar != nil else { return false }
        return !["true", "false", "True", "False", "TRUE", "FALSE"].contains(scalar.string)
    }
}

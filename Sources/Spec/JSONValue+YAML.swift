import Yams

extension JSONValue {
    /// Converts a YAML node to JSON, reporting values JSON cannot hold (non-string keys).
    init(yaml node: Node, path: String, context: ReadContext) {
        switch node {
        case let .scalar(scalar):
            switch YAMLScalar(scalar) {
            case .null: self = .null
            case let .bool(value): self = .bool(value)
            case let .int(value): self = .int(value)
            case let .float(value): self = .double(value)
            case .timestamp, .string: self = .string(scalar.string)
            }
        case let .sequence(sequence):
            self = .array(sequence.enumerated().map {
                JSONValue(yaml: $0.element, path: "\(path)[\($0.offset)]", context: context)
            })
        case let .mapping(mapping):
            var fields: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard let name = key.stringScalar ?? key.scalar?.string else {
                    context.sink.error(.typeMismatch, at: context.location(of: key),
                                       "keys in '\(path)' must be strings, not \(key.typeDescription)")
                    continue
                }
                fields[name] = JSONValue(yaml: value, path: "\(path).\(name)", context: context)
            }
            self = .object(fields)
        case .alias:
            self = .null
        }
    }
}

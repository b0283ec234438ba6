extension JSONValue {
    /// Converts a YAML node to JSON, reporting values JSON cannot hold (non-string keys).
    init(yaml node: YAMLNode, path: String, context: ReadContext) {
        switch node.kind {
        case .scalar:
            let scalar = node.scalar ?? YAMLNode.Scalar(string: "", style: .any)
            switch YAMLScalar(scalar) {
            case .null: self = .null
            case let .bool(value): self = .bool(value)
            case let .int(value): self = .int(value)
            case let .float(value): self = .double(value)
            case .timestamp, .string: self = .string(scalar.string)
            }
        case .sequence:
            self = .array(node.elements.enumerated().map {
                JSONValue(yaml: $0.element, path: "\(path)[\($0.offset)]", context: context)
            })
        case .mapping:
            var fields: [String: JSONValue] = [:]
            node.forEachPair { key, value in
                guard let name = key.stringScalar ?? key.scalar?.string else {
                    context.sink.error(.typeMismatch, at: context.location(of: key),
                                       "keys in '\(path)' must be strings, not \(key.typeDescription)")
                    return
                }
                fields[name] = JSONValue(yaml: value, path: "\(path).\(name)", context: context)
            }
            self = .object(fields)
        }
    }
}

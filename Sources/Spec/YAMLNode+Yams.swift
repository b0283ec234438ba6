import Yams

extension YAMLNode {
    /// The node as Yams' parser would have composed it (tags resolved by Yams' `basic` resolver, marks and styles
    /// as written): for the rare mapping whose keys only Yams can compare (a key that is a collection or has a
    /// tag of its own), and for the tests that hold the composer to Yams.
    func yams(_ constructor: Constructor = .default) -> Node {
        let mark = Mark(composedLine: line, column: column)
        let tag: Tag
        if let name = explicitTag {
            tag = Tag(Tag.Name(rawValue: name), .basic, constructor)
        } else {
            tag = Tag(isQuotedUntagged ? .str : .implicit, .basic, constructor)
        }
        switch kind {
        case .scalar:
            let scalar = self.scalar ?? Scalar(string: "", style: .any)
            return .scalar(Node.Scalar(scalar.string, tag, Node.Scalar.Style(rawValue: UInt32(scalar.style.rawValue)) ?? .any, mark))
        case .mapping:
            return .mapping(Node.Mapping(pairs.map { ($0.key.yams(constructor), $0.value.yams(constructor)) }, tag, .any, mark))
        case .sequence:
            return .sequence(Node.Sequence(elements.map { $0.yams(constructor) }, tag, .any, mark))
        }
    }
}

import Spec

/// Field-level differences between two canonical values.
///
/// Objects are compared key by key down to the leaves; lists and scalars are compared whole, so a
/// reordered command list is one change of the list, as Telegram sees it.
public enum ValueDiffer {
    public static func changes(before: JSONValue?, after: JSONValue?, sensitive: Set<String> = []) -> [FieldChange] {
        var changes: [FieldChange] = []
        walk(before, after, path: "", sensitive: sensitive, into: &changes)
        return changes
    }

    private static func walk(_ before: JSONValue?, _ after: JSONValue?, path: String, sensitive: Set<String>,
                             into changes: inout [FieldChange]) {
        if before == after { return }
        let beforeObject = before?.objectValue, afterObject = after?.objectValue
        // A value holding a sensitive path is sensitive as a whole, wherever the diff stops descending.
        let holdsSecret = sensitive.contains { $0 == path || path.isEmpty || $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }
        if (beforeObject != nil || before == nil) && (afterObject != nil || after == nil) && !sensitive.contains(path) {
            let keys = Set((beforeObject ?? [:]).keys).union((afterObject ?? [:]).keys).sorted()
            for key in keys {
                walk(beforeObject?[key], afterObject?[key], path: join(path, key), sensitive: sensitive, into: &changes)
            }
            return
        }
        changes.append(FieldChange(path: path, before: before, after: after, sensitive: holdsSecret))
    }

    /// `a.b`, or `a["x/y"]` for keys that are not plain identifiers: the paths ``FieldChange`` uses.
    public static func join(_ path: String, _ key: String) -> String {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        if plain { return path.isEmpty ? key : "\(path).\(key)" }
        return "\(path)[\(JSONValue.string(key).description)]"
    }
}

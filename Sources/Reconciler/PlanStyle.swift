/// Markers and colours shared by the renderers.
enum PlanStyle {
    static func marker(_ action: Action) -> String {
        switch action {
        case .create: return "+"
        case .update: return "~"
        case .replace: return "-/+"
        case .delete: return "-"
        case .noOp: return " "
        }
    }

    static func headline(_ action: Action) -> String {
        switch action {
        case .create: return "will be created"
        case .update: return "will be updated in-place"
        case .replace: return "must be replaced"
        case .delete: return "will be destroyed"
        case .noOp: return "is unchanged"
        }
    }

    /// ANSI colour of an action's lines (Terraform's: green add, yellow change, red destroy).
    static func color(_ action: Action) -> String {
        switch action {
        case .create: return "\u{1B}[32m"
        case .update: return "\u{1B}[33m"
        case .replace, .delete: return "\u{1B}[31m"
        case .noOp: return ""
        }
    }

    static let bold = "\u{1B}[1m"
    static let reset = "\u{1B}[0m"

    /// One field as `marker path: before -> after`, with secrets hidden.
    static func fieldLine(_ field: FieldChange) -> (marker: String, text: String) {
        switch (field.before, field.after) {
        case (nil, let after?):
            return ("+", "\(field.path): \(field.sensitive ? "(sensitive value)" : after.description)")
        case (let before?, nil):
            return ("-", "\(field.path): \(field.sensitive ? "(sensitive value)" : before.description)")
        case let (before?, after?):
            return ("~", field.sensitive ? "\(field.path): (sensitive value changed)"
                    : "\(field.path): \(before.description) -> \(after.description)")
        case (nil, nil):
            return ("~", "\(field.path): (sensitive value changed)")
        }
    }
}

extension FieldChange {
    /// The change as the text plan shows it, one line each (`~ title: "Old" -> "New"`), indented by depth;
    /// a sensitive value as `(sensitive value changed)`, never the value.
    public var displayLines: [String] {
        PlanStyle.fieldLines(self).map { String(repeating: "    ", count: $0.depth) + "\($0.marker) \($0.text)" }
    }
}

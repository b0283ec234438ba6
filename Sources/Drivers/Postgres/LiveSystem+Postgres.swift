extension LiveSystem {
    /// The Project's database: one series per connection's purpose and result.
    public static let postgres = LiveSystem(name: "postgres", metric: "postgres_operations",
        help: "Database connections and the statements sent on them, by read or write and result.",
        operationLabel: "operation", resultLabel: "result")
}

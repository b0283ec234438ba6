extension LiveSystem {
    /// The Bot API: one series per method and error code.
    public static let telegram = LiveSystem(name: "telegram", metric: "telegram_requests",
        help: "Bot API requests, by method and error code (200 when ok, 429 for flood control, unreachable).",
        operationLabel: "method", resultLabel: "status")
}

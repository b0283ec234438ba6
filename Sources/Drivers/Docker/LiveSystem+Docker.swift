extension LiveSystem {
    /// A Docker engine: one series per HTTP method and status.
    public static let docker = LiveSystem(name: "docker", metric: "docker_requests",
        help: "Docker Engine API requests, by HTTP method and status (unreachable when no answer came).",
        operationLabel: "method", resultLabel: "status")
}

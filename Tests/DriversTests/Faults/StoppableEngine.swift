/// A Docker API a test can take away and give back while a daemon uses it, in front of one of the shared test
/// engines (which keeps the containers, as a real engine's restart does).
protocol StoppableEngine: Sendable {
    /// What botops is told to use (`unix://...`).
    var host: String { get }
    /// The shared engine behind it, for the test's own looks at the containers.
    var shared: TestEngine { get }
    /// Makes the API answer again (first start included); returns once it does.
    func start() async throws
    /// Takes the API away at once.
    func stop() async
    /// Stops it and removes what it left.
    func shutdown() async
}

extension PrivatePodman: StoppableEngine {
    var shared: TestEngine {
        // The private service shares podman's storage with the shared one, which the suite requires.
        TestEngine.podman ?? TestEngine(name: "podman", host: host)
    }
}

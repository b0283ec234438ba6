import Foundation
import TestSupport

/// A podman API service of the test's own, on a socket in a folder of its own, that the test can stop and start
/// again while a daemon uses it (the shared one of scripts/services serves every other test). It shares podman's
/// storage with that one, so containers it made outlive it, as they outlive a real engine's API restart.
final class PrivatePodman: Sendable {
    let folder: String
    var socket: String { folder + "/podman.sock" }
    var host: String { "unix://" + socket }
    private let service = ProcessBox()

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-podman-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    /// Starts the service and waits until its socket answers.
    func start() async throws {
        if FileManager.default.fileExists(atPath: socket) { try FileManager.default.removeItem(atPath: socket) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/podman")
        process.arguments = ["system", "service", "--time=0", host]
        // The settings scripts/services runs podman with (runc, cgroupfs, ulimits this machine allows), kept beside
        // the shared service's socket.
        if let shared = TestEngine.podman {
            var environment = ProcessInfo.processInfo.environment
            environment["CONTAINERS_CONF"] = (shared.socketPath as NSString).deletingLastPathComponent + "/containers.conf"
            process.environment = environment
        }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        service.set(process)
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while clock.now < deadline {
            do {
                if try await DockerHarness.callEngine(TestEngine(name: "private", host: host), .GET, "/_ping").0 == 200 { return }
            } catch {
                // Not answering yet.
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw HarnessError(message: "the private podman service did not answer on \(socket) within 30 s")
    }

    /// Kills the service (SIGKILL): its socket stops answering at once.
    func stop() {
        guard let process = service.take() else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = process.exitStatus()
    }

    func shutdown() {
        stop()
        TestArtifacts.discard(folder)
    }
}

/// The running service's process, behind a lock (a Process is not Sendable).
private final class ProcessBox: @unchecked Sendable {
    // Unchecked: `process` is only read or written under `lock`.
    private let lock = NSLock()
    private var process: Process?

    func set(_ process: Process) { lock.withLock { self.process = process } }
    func take() -> Process? { lock.withLock { defer { process = nil }; return process } }
}

import Foundation
import TestSupport

/// Runs the built `botops` binary, as a user or CI would.
struct BotopsProcess {
    static let binary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/debug/botops").path

    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: String? = nil) async throws -> Output {
        await finish(try start(arguments, environment: environment, in: directory))
    }

    /// Starts botops without waiting, for tests that signal it while it runs.
    static func start(_ arguments: [String], environment: [String: String] = [:],
                      in directory: String? = nil) throws -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        var base = ProcessInfo.processInfo.environment
        base["NO_COLOR"] = nil
        process.environment = base.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    /// Waits for a process from ``start(_:environment:)`` and collects its output, on a thread of
    /// its own: blocking a thread of the tests' small concurrency pool while botops talks to a
    /// sandbox served from that same pool starves both (seen on 2 cores as minutes-long hangs).
    static func finish(_ started: (Process, Pipe, Pipe)) async -> Output {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: collect(started)) }
        }
    }

    private static func collect(_ started: (Process, Pipe, Pipe)) -> Output {
        let (process, out, err) = started
        let errors = err.readInBackground()
        let stdout = out.fileHandleForReading.readToEndAndClose()
        let stderr = errors.wait()
        return Output(status: process.exitStatus(), stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }
}

import Foundation
import TestSupport

/// Runs a command-line tool (git, ssh-keygen, sshd) to its end, as a test's helper.
enum ToolProcess {
    struct Output {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs on a thread of its own: waiting for a process on one of the tests' few pool threads
    /// starves servers the test process runs, and can hang for good (both seen here).
    static func run(_ executable: String, _ arguments: [String], in directory: String? = nil,
                    environment: [String: String]? = nil) async throws -> Output {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: executable)
                process.arguments = arguments
                if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
                if let environment { process.environment = environment }
                let output = Pipe(), errors = Pipe()
                process.standardOutput = output
                process.standardError = errors
                process.standardInput = FileHandle.nullDevice
                do {
                    try process.run()
                } catch {
                    continuation.resume(throwing: error)
                    return
                }
                let background = errors.readInBackground()
                let out = output.fileHandleForReading.readToEndAndClose()
                let err = background.wait()
                continuation.resume(returning: Output(status: process.exitStatus(), stdout: String(decoding: out, as: UTF8.self),
                                                      stderr: String(decoding: err, as: UTF8.self)))
            }
        }
    }
}

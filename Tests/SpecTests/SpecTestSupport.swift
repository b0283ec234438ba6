import Foundation
@testable import Spec

/// Paths and helpers shared by the Spec tests.
enum SpecTestSupport {
    /// The repository root, found from this file's path so fixtures are read in place.
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        repositoryRoot.appendingPathComponent(relative).path
    }

    static let projectYAML = """
        apiVersion: botops/v1
        kind: Project
        metadata:
          name: test
        """

    /// Loads in-memory files, with a Project added unless `withProject` is false.
    static func load(_ files: [String: String], withProject: Bool = true) -> LoadResult {
        var all = files
        if withProject, all["botops.yaml"] == nil { all["botops.yaml"] = projectYAML }
        return SpecLoader().load(files: all.keys.sorted().map { SourceFile(path: $0, text: all[$0]!) })
    }

    /// The diagnostics as `file:line:col: severity: message` lines.
    static func lines(_ result: LoadResult) -> [String] {
        result.diagnostics.map { "\($0.location): \($0.severity.rawValue): \($0.message)" }
    }
}

extension SpecTestSupport {
    /// Runs CPU-bound work on a thread of its own and waits for it without holding one: a synchronous test holds
    /// one of the concurrency pool's threads (two on a 2-core machine) for its whole run, which every async test of
    /// the process then waits for. A `Thread`, not Dispatch's global queues, whose threads the pool may share.
    /// Record expectations on the result, not inside `work` (that thread is outside the test).
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: work()) }.start()
        }
    }
}

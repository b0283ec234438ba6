import Foundation
import Synchronization

/// What tests leave behind for scripts/test's secret scan: the folders they wrote (state files, plan files,
/// logs), the rows of the database schemas they used, the pages a browser showed and the daemons' answers.
///
/// Kept only when `BOTOPS_TEST_ARTIFACTS` names a folder (scripts/test sets it and scans it, then removes it);
/// otherwise ``discard(_:)`` removes and ``keep(_:as:)`` does nothing, as before.
public enum TestArtifacts {
    public static let folder: String? = ProcessInfo.processInfo.environment["BOTOPS_TEST_ARTIFACTS"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Removes `path`, first moving it into the artifacts folder when there is one.
    public static func discard(_ path: String) {
        let manager = FileManager.default
        if let folder, manager.fileExists(atPath: path) {
            let kept = folder + "/" + UUID().uuidString.prefix(8) + "-" + (path as NSString).lastPathComponent
            do {
                try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try manager.moveItem(atPath: path, toPath: kept)
                return
            } catch {
                FileHandle.standardError.write(Data("test artifacts: could not keep \(path) for the secret scan: \(error)\n".utf8))
            }
        }
        do {
            try manager.removeItem(atPath: path)
        } catch CocoaError.fileNoSuchFile {
            return
        } catch {
            FileHandle.standardError.write(Data("test artifacts: could not remove \(path): \(error)\n".utf8))
        }
    }

    /// Writes `text` into the artifacts folder, named after `name`, when there is one.
    public static func keep(_ text: String, as name: String) {
        guard let folder else { return }
        let path = folder + "/" + UUID().uuidString.prefix(8) + "-" + name
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: false, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("test artifacts: could not keep \(name) for the secret scan: \(error)\n".utf8))
        }
    }

    /// One file per test process, appended to under the lock: a burst of a thousand answers makes one file.
    private static let answers = Mutex<FileHandle?>(nil)

    /// Notes an HTTP answer's body (a page, an API answer) in the artifacts folder, when there is one.
    public static func keepAnswer(_ body: String) {
        guard let folder, !body.isEmpty else { return }
        answers.withLock { handle in
            if handle == nil {
                let path = folder + "/answers-\(getpid()).txt"
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
                    handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
                    try handle?.seekToEnd()
                } catch {
                    FileHandle.standardError.write(Data("test artifacts: could not keep answers for the secret scan: \(error)\n".utf8))
                    return
                }
            }
            handle?.write(Data((body + "\n").utf8))
        }
    }
}

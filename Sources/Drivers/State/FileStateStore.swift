import Foundation
import Reconciler

/// Keeps the inventory in a JSON file (default `.botops/state.json` next to botops.yaml).
///
/// Writes are atomic (a temporary file renamed over the old one) and the file is readable by its
/// owner only, since it holds the fingerprint key. The lock is an exclusive `flock` on a sibling
/// `.lock` file, released by the kernel if the process dies, so a crash never leaves a stale lock.
public struct FileStateStore: StateStore {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var description: String { "file:\(path)" }

    public func load() async throws -> Inventory {
        guard FileManager.default.fileExists(atPath: path) else { return Inventory() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StateStoreError(store: description, message: "cannot read the state file; check its permissions")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(Inventory.self, from: data)
        } catch {
            throw StateStoreError(store: description,
                message: "the state file is not valid botops state (\(error)); restore it from a backup rather than delete it, "
                    + "or botops forgets what it owns")
        }
    }

    public func save(_ inventory: Inventory) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(inventory)
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let temporary = path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw StateStoreError(store: description, message: "cannot write \(temporary); check the folder's permissions")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw StateStoreError(store: description, message: "cannot replace the state file: \(reason)")
        }
    }

    public func withLock<R: Sendable>(_ body: @Sendable () async throws -> R) async throws -> R {
        let lockPath = path + ".lock"
        let folder = (lockPath as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StateStoreError(store: description, message: "cannot open the lock file \(lockPath): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            // Only to name the holder in the message; the refusal stands whether or not it can be read.
            let holder = (try? String(contentsOfFile: lockPath, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            throw StateLockError(store: description, holder: holder?.isEmpty == false ? holder : nil)
        }
        defer {
            // Clear the holder first, so the file never names a run that is over.
            ftruncate(descriptor, 0)
            flock(descriptor, LOCK_UN)
        }
        let holder = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName) since \(ISO8601DateFormatter().string(from: Date()))\n"
        ftruncate(descriptor, 0)
        _ = holder.withCString { write(descriptor, $0, strlen($0)) }
        return try await body()
    }
}

/// The state could not be read or written.
public struct StateStoreError: Error, Sendable, CustomStringConvertible {
    public let store: String
    public let message: String
    public var description: String { "state \(store): \(message)" }
}

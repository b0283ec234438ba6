import Foundation
import Reconciler

extension FileStateStore {
    /// Takes an exclusive `flock` on `path` without waiting and writes `holder` into the file (so
    /// others can name who holds it); the open descriptor holds the lock. Nil when somebody else holds it.
    func takeFlock(_ path: String, holder: RunInfo) throws -> Int32? {
        try makeFolder()
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StateStoreError(store: description, message: "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        do {
            var record = try JSONEncoder().encode(holder)
            record.append(0x0A)
            ftruncate(descriptor, 0)
            _ = record.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, 0) }
            return descriptor
        } catch {
            close(descriptor)
            throw error
        }
    }

    func makeFolder() throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
    }

    /// Writes `data` to a temporary file renamed over `target`; returns the identity of the file
    /// written (renaming keeps it), nil when it could not be seen.
    @discardableResult
    func writeAtomically(_ data: Data, to target: String) throws -> FileSnapshotCache.Identity? {
        try makeFolder()
        let temporary = target + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw StateStoreError(store: description, message: "cannot write \(temporary); check the folder's permissions")
        }
        // The identity is taken after the rename, from the file's own descriptor: a rename changes the file's
        // change time, so one taken before never matched the next read, and every pass decoded the snapshot again.
        let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
        defer { if descriptor >= 0 { close(descriptor) } }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw StateStoreError(store: description, message: "cannot replace \(target): \(reason)")
        }
        return descriptor >= 0 ? FileSnapshotCache.Identity(descriptor: descriptor) : nil
    }

    func append(_ data: Data, to target: String) throws {
        try makeFolder()
        let descriptor = open(target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw StateStoreError(store: description, message: "cannot open \(target): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else {
            throw StateStoreError(store: description, message: "cannot append to \(target): \(String(cString: strerror(errno)))")
        }
    }
}

import Foundation
import Reconciler
import Synchronization

/// The write lock of a ``FileStateStore``: an exclusive `flock` on the `.lock` file next to the
/// state, released by the kernel if the process dies, so a crash never leaves a stale lock.
///
/// It counts as lost when the lock file it holds is no longer the one at its path (deleted or
/// replaced by hand), since another run could then lock the new file.
public final class FileStateLock: StateLock {
    public let run: RunInfo
    /// Made the moment the `flock` was taken.
    public let acquiredAt = Date()
    let path: String
    private let descriptor: Int32
    private let inode: UInt64
    /// Open until released; the journal's next sequence number while held.
    private let state: Mutex<(open: Bool, nextSequence: Int)>

    init(run: RunInfo, path: String, descriptor: Int32, nextSequence: Int) {
        self.run = run
        self.path = path
        self.descriptor = descriptor
        var info = stat()
        fstat(descriptor, &info)
        inode = UInt64(info.st_ino)
        state = Mutex((open: true, nextSequence: nextSequence))
    }

    public func isHeld() async -> Bool { held }

    var held: Bool {
        guard state.withLock({ $0.open }) else { return false }
        var info = stat()
        return stat(path, &info) == 0 && UInt64(info.st_ino) == inode
    }

    /// Takes the next journal sequence number.
    func nextSequence() -> Int {
        state.withLock { value in
            defer { value.nextSequence += 1 }
            return value.nextSequence
        }
    }

    public func release() async {
        let wasOpen = state.withLock { value in
            defer { value.open = false }
            return value.open
        }
        guard wasOpen else { return }
        // Clear the holder first, so the file never names a run that is over.
        ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }

    deinit {
        if state.withLock({ $0.open }) { close(descriptor) }
    }
}

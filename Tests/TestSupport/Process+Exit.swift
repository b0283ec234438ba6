import Foundation
import Synchronization

extension Process {
    /// Waits for the process to end and returns its exit status (or the signal that ended it), without
    /// `waitUntilExit()`: that spins the calling thread's run loop until Foundation notices the exit,
    /// which under load has been seen never to happen (swift-corelibs-foundation #4795 and the like),
    /// hanging a test run with every thread idle. This reaps the child itself when Foundation has not.
    /// Call it off the concurrency pool (it sleeps in 10 ms steps).
    public func exitStatus() -> Int32 {
        let pid = processIdentifier
        while isRunning {
            var status: Int32 = 0
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid {
                let signal = status & 0x7f
                return signal == 0 ? (status >> 8) & 0xff : signal
            }
            // ECHILD: Foundation reaped it a moment ago; isRunning turns false on the next look.
            usleep(10_000)
        }
        return terminationStatus
    }
}

extension Pipe {
    /// Reads to the end on a thread of its own, so a child that fills this pipe while another is read
    /// is never blocked on it; `wait()` the returned reader for the data.
    public func readInBackground() -> BackgroundRead {
        let read = BackgroundRead()
        let handle = fileHandleForReading
        Thread.detachNewThread {
            read.finish(handle.readToEndAndClose())
        }
        return read
    }
}

/// The data of a ``Pipe/readInBackground()``, once the writer closed the pipe.
public final class BackgroundRead: Sendable {
    private let data = Mutex(Data())
    private let done = DispatchSemaphore(value: 0)

    fileprivate func finish(_ value: Data) {
        data.withLock { $0 = value }
        done.signal()
    }

    public func wait() -> Data {
        done.wait()
        return data.withLock { $0 }
    }
}

import Foundation
import Glibc

extension FileHandle {
    /// Everything up to the end of the file, read with `read(2)` and retried on EINTR. Foundation's
    /// `readDataToEndOfFile()` and `availableData` wrap their reads in `try!`, so a signal arriving mid-read
    /// (the test process gets SIGCHLD from every child it runs) crashed the whole test run here once.
    public func readAllRetryingInterrupts() -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                data.append(contentsOf: buffer[0..<count])
            } else if count == 0 || errno != EINTR {
                return data
            }
        }
    }

    /// ``readAllRetryingInterrupts()``, then closes the handle: a child's output pipe is read once, and its
    /// read end left to the Pipe's deallocation stayed open (Foundation keeps finished Processes, and with
    /// them their Pipes): a whole run held over a thousand such descriptors, and Foundation's own launch code
    /// crashes reading `/proc/self/fd` once the listing fills its buffer (about 1,360 entries).
    public func readToEndAndClose() -> Data {
        let data = readAllRetryingInterrupts()
        do {
            try close()
        } catch {
            // Closed already: nothing is held either way.
        }
        return data
    }

    /// What one `read(2)` returns (at most 64 KiB; empty at the end of the file), retried on EINTR: the
    /// `availableData` of a reader that must not crash on a signal.
    public func readChunkRetryingInterrupts() -> Data {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count >= 0 { return Data(buffer[0..<count]) }
            if errno != EINTR { return Data() }
        }
    }
}

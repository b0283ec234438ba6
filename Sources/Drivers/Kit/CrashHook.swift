import Foundation
import Synchronization

/// A test hook for crash consistency: with `BOTOPS_CRASH_AFTER_WRITE=N` in the environment, the process
/// kills itself (SIGKILL: no handler, no flush, no cleanup, as `kill -9` or a power cut would) right after
/// the Nth write it makes anywhere: a Docker engine call that is not a read, a Bot API call that is not a
/// `get*`, a statement batch or commit of the rows driver, and each write of a state store. Each write is
/// announced on standard error first (`crash hook: write 7: POST /containers/create`), so a run with a large
/// N counts the writes of an apply and names where a crash fell.
///
/// Without the variable it does nothing but read one atomic; it is never set outside tests and scripts/soak.
public enum CrashHook {
    /// The write after which to die; nil when the hook is off.
    static let limit: Int? = ProcessInfo.processInfo.environment["BOTOPS_CRASH_AFTER_WRITE"].flatMap { Int($0) }
    private static let count = Atomic<Int>(0)

    /// Called right after a write has been made (the remote has it, or has refused it).
    /// `what` is only evaluated when the hook is on.
    public static func wrote(_ what: @autoclosure () -> String) {
        guard let limit else { return }
        let number = count.add(1, ordering: .sequentiallyConsistent).newValue
        FileHandle.standardError.write(Data("crash hook: write \(number): \(what())\n".utf8))
        if number == limit {
            raise(SIGKILL)
        }
    }
}

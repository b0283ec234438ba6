import Foundation
import CGit2

/// Turns libgit2's last error into text for a ``ConfigSourceError`` message.
///
/// libgit2 keeps the last error per thread and the next failing call overwrites it, so callers
/// read it immediately after the failing call, before any other `git_*` function runs.
enum GitErrorMessage {
    /// The message of the calling thread's last libgit2 error, or a generic text naming `code`
    /// when libgit2 left none.
    static func last(code: Int32) -> String {
        if let error = git_error_last(), let text = error.pointee.message {
            let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
            if !message.isEmpty { return message }
        }
        return "libgit2 error \(code)"
    }
}

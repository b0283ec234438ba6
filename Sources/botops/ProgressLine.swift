import Foundation
import Reconciler
import Synchronization

/// An apply's progress on standard error, as each change settles: on a terminal one line rewritten
/// in place (`[37/120] Bot/alpha: updated`), failures kept; elsewhere one line per change; with
/// `--log-format json` one object per change.
final class ProgressLine: Sendable {
    private let terminal: Bool
    private let json: Bool
    /// Whether a line is on screen to be cleared.
    private let showing = Mutex(false)

    init(terminal: Bool = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb",
         json: Bool = Terminal.json) {
        self.terminal = terminal && !json
        self.json = json
    }

    func show(_ progress: ApplyProgress) {
        if json {
            let failed = if case .failed = progress.outcome { true } else { false }
            JSONLogHandler.write(level: failed ? "warning" : "info", label: "botops", message: "progress", fields: [
                "done": String(progress.done), "total": String(progress.total), "resource": progress.address.description,
                "action": progress.action.rawValue, "outcome": progress.outcome.name])
            return
        }
        guard terminal else {
            FileHandle.standardError.write(Data((progress.line + "\n").utf8))
            return
        }
        let keep = if case .applied = progress.outcome { false } else { true }
        showing.withLock { showing in
            // A failure, a skip or a stop stays on screen; progress over it is rewritten.
            FileHandle.standardError.write(Data(("\r\u{1B}[2K" + progress.line + (keep ? "\n" : "")).utf8))
            showing = !keep
        }
    }

    /// Clears the in-place line before the report is printed.
    func finish() {
        showing.withLock { showing in
            if showing { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
            showing = false
        }
    }
}

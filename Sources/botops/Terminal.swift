import Foundation
import Reconciler
import Synchronization

/// Writes to standard output and standard error without buffering surprises.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Set by ``LoggingOptions/install()``: messages, logs and progress go out as JSON lines.
    static let jsonMessages = Atomic<Bool>(false)

    static var json: Bool { jsonMessages.load(ordering: .relaxed) }

    static func error(_ message: String) {
        say("error", message)
    }

    static func note(_ message: String) {
        say("notice", message, word: "note")
    }

    static func warning(_ message: String) {
        say("warning", message)
    }

    private static func say(_ level: String, _ message: String, word: String? = nil) {
        if json {
            JSONLogHandler.write(level: level, label: "botops", message: message)
        } else {
            FileHandle.standardError.write(Data("botops: \(word ?? level): \(message)\n".utf8))
        }
    }

    /// True when standard output is a terminal and colour is not switched off (`NO_COLOR`).
    static var useColor: Bool {
        isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"].map(\.isEmpty) ?? true
    }
}

extension Terminal {
    /// Asks a yes/no question on the terminal; only "yes" counts.
    static func confirm(_ question: String) -> Bool {
        write(question)
        return readLine()?.trimmingCharacters(in: .whitespaces) == "yes"
    }
}

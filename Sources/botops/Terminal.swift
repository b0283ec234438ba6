import Foundation
import Reconciler

/// Writes to standard output and standard error without buffering surprises.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    /// Messages, logs and progress go out as JSON lines, for the command running in this task (see
    /// ``LoggedCommand``); work outside the command's task (a signal handler) takes it along.
    @TaskLocal static var json = false

    static func error(_ message: String) {
        say("error", message)
    }

    static func note(_ message: String, json: Bool = Terminal.json) {
        say("notice", message, word: "note", json: json)
    }

    static func warning(_ message: String) {
        say("warning", message)
    }

    private static func say(_ level: String, _ message: String, word: String? = nil, json: Bool = Terminal.json) {
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

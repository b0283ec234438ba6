import Foundation
import Reconciler

/// Writes to standard output and standard error without buffering surprises.
enum Terminal {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("botops: error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("botops: note: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("botops: warning: \(message)\n".utf8))
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

import Foundation

/// A file `init` or `import` writes: its path under the folder written into, and its bytes.
public struct GeneratedFile: Sendable, Hashable {
    public let path: String
    public let contents: [UInt8]

    public init(path: String, contents: [UInt8]) {
        self.path = path
        self.contents = contents
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }
}

/// Why generated files were not written.
public struct GeneratedFileError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// A file to write is already there; nothing was written.
        case exists
        /// The file system refused.
        case writeFailed = "write-failed"
        /// A name given (or made from a folder's) cannot name a document.
        case invalidName = "invalid-name"
    }

    public let code: Code
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

extension Array where Element == GeneratedFile {
    /// Writes every file under `directory`, or none: a file already there is never overwritten, and
    /// then nothing is written at all (the error lists each one, so a second run says what to move away).
    public func write(into directory: String) throws(GeneratedFileError) {
        try checkNoneExists(in: directory)
        let manager = FileManager.default
        for file in self {
            let url = URL(fileURLWithPath: directory + "/" + file.path)
            do {
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(file.contents).write(to: url, options: .withoutOverwriting)
            } catch {
                throw GeneratedFileError(.writeFailed, "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
    }

    /// Throws `.exists`, naming each file already there, when any is.
    public func checkNoneExists(in directory: String) throws(GeneratedFileError) {
        let existing = map(\.path).filter { FileManager.default.fileExists(atPath: directory + "/" + $0) }
        guard existing.isEmpty else {
            throw GeneratedFileError(.exists, "\(existing.count == 1 ? "a file" : "\(existing.count) files") to write "
                + "already exist\(existing.count == 1 ? "s" : ""), so nothing was written: "
                + existing.sorted().joined(separator: ", ") + "; move them away or write into another folder")
        }
    }
}

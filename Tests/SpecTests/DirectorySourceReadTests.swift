import Foundation
import Testing
@testable import Spec

/// The files are read on every core; what comes back, and which unreadable file is named, must not depend on it.
@Suite("A folder's configuration files are read whole, in path order, and the first unreadable one is named")
struct DirectorySourceReadTests {
    private func folder(_ files: [String: [UInt8]]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-dir-\(UUID().uuidString)").path
        for (path, bytes) in files {
            let absolute = root + "/" + path
            try FileManager.default.createDirectory(atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: absolute, contents: Data(bytes)))
        }
        return root
    }

    @Test func everyConfigFileComesBackWithItsTextInPathOrder() throws {
        var files: [String: [UInt8]] = [
            "botops.yaml": Array("kind: Project\n".utf8),
            "notes.txt": Array("not configuration".utf8),
            ".botops/state.yaml": Array("skipped: true\n".utf8),
            "a-b.yml": Array("name: ä\n".utf8),
        ]
        for index in 0..<300 { files["bots/team\(index % 7)/bot\(index).yaml"] = Array("name: bot\(index)\n".utf8) }
        let root = try folder(files)
        defer { #expect(throws: Never.self) { try FileManager.default.removeItem(atPath: root) } }

        let read = try DirectorySource(root: root).sourceFiles()

        let expected = files.filter { $0.key.hasSuffix(".yaml") || $0.key.hasSuffix(".yml") }.filter { !$0.key.hasPrefix(".") }
        #expect(read.map(\.path) == expected.keys.sorted())
        for file in read { #expect(Array(file.text.utf8) == expected[file.path]) }
    }

    @Test func theFirstUnreadableFileInWalkOrderIsNamed() throws {
        // "a" is walked before "a-b.yaml" (each folder's names sorted), though "a-b.yaml" sorts first as a path.
        let invalid: [UInt8] = [0x6E, 0x61, 0x6D, 0x65, 0x3A, 0x20, 0xFF, 0xFE, 0x0A]
        var files: [String: [UInt8]] = ["a/x.yaml": invalid, "a-b.yaml": invalid, "botops.yaml": Array("kind: Project\n".utf8)]
        for index in 0..<100 { files["z/bot\(index).yaml"] = Array("name: bot\(index)\n".utf8) }
        let root = try folder(files)
        defer { #expect(throws: Never.self) { try FileManager.default.removeItem(atPath: root) } }

        let error = #expect(throws: ConfigSourceError.self) { try DirectorySource(root: root).sourceFiles() }
        #expect(error?.code == .fileUnreadable)
        #expect(error?.message == "'\(root)/a/x.yaml' is not UTF-8 text; save it as UTF-8")
    }
}

import Foundation
import TestSupport
import Spec
import Testing

/// A repository behind HTTP authentication (git's smart HTTP, `git http-backend`): a token from a
/// secret fetches it; a missing or wrong one fails once, clearly, and the token is never shown.
@Suite("Git sources: a token for an authenticated https remote", .timeLimit(.minutes(1)))
struct GitAuthenticationTests {
    static let server = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/git-http-server.py").path

    /// Starts the test server on the repositories below `root`; returns its standard input (closing
    /// it stops the server) and its port.
    static func serve(_ root: String, password: String) throws -> (Pipe, Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", server, root, password]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        let input = Pipe()
        process.standardInput = input
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.readChunkRetryingInterrupts()
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try #require(Int(text.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").last ?? ""), "\(text)")
        return (input, port)
    }

    @Test func aTokenFetchesAndAMissingOrWrongOneFailsWithoutShowingIt() throws {
        let scratch = try GitScratch()
        let work = try scratch.makeRepository("work")
        try scratch.write(work, "botops.yaml", "kind: Fleet\n")
        let commit = try scratch.commitAll(work, "one")
        _ = try scratch.clone(work, to: "served/fleet.git", bare: true)
        let token = "ghp_test" + UUID().uuidString.replacingOccurrences(of: "-", with: "")
        let (server, port) = try Self.serve(scratch.root + "/served", password: token)
        defer { try? server.fileHandleForWriting.close() }
        let url = "http://127.0.0.1:\(port)/fleet.git"

        let source = try GitRevisionSource(repository: url, revision: "main", cacheDirectory: scratch.root + "/cache",
                                           authentication: GitAuthentication(token: token))
        #expect(source.commitID == commit)
        #expect(try source.sourceFiles() == [SourceFile(path: "botops.yaml", text: "kind: Fleet\n")])
        let mirrors = try FileManager.default.subpathsOfDirectory(atPath: scratch.root + "/cache")
        for file in mirrors where !file.contains("objects") {
            let text = (try? String(contentsOfFile: scratch.root + "/cache/" + file, encoding: .utf8)) ?? ""
            #expect(!text.contains(token), "the mirror holds no token: \(file)")
        }

        for wrong in [nil, "not-the-token"] {
            let error = #expect(throws: ConfigSourceError.self) {
                _ = try GitRevisionSource(repository: url, revision: "main", cacheDirectory: scratch.root + "/other",
                                          authentication: GitAuthentication(token: wrong))
            }
            #expect(error?.message.contains("cannot fetch 'http://127.0.0.1:\(port)/fleet.git'") == true, "\(error?.message ?? "")")
            #expect(error?.message.contains("the server asks for credentials, and none were given or they were refused") == true)
            #expect(error?.message.contains("a token for https") == true)
            #expect(error?.message.contains(token) == false)
        }
        let attempts = try String(contentsOfFile: scratch.root + "/served/auth.log", encoding: .utf8).split(separator: "\n")
        #expect(attempts.filter { $0 == "wrong" }.count <= 2, "a rejected token is offered once, not forever: \(attempts)")
    }
}

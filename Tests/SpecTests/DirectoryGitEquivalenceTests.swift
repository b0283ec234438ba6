import Foundation
import TestSupport
import Testing
@testable import Spec

@Suite("A directory and a git revision with the same files load to equal desired states", .timeLimit(.minutes(1)))
struct DirectoryGitEquivalenceTests {
    @Test func fleetFromGitEqualsFleetFromDirectory() throws {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("botops-equiv-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SpecTestSupport.path("examples/fleet"), toPath: temp + "/deploy")
        #expect(try TestGit.commitAll(in: temp, message: "fleet") == [0, 0, 0])
        let fromDirectory = try SpecLoader().load(from: DirectorySource(root: temp + "/deploy"))
        let git = try GitRevisionSource(repository: temp, revision: "HEAD", subdirectory: "deploy")
        let fromGit = try SpecLoader().load(from: git)
        var directoryState = try #require(fromDirectory.state)
        let gitState = try #require(fromGit.state)
        #expect(gitState.revision?.count == 40)
        directoryState.revision = gitState.revision
        #expect(directoryState == gitState)
        #expect(fromDirectory.diagnostics == fromGit.diagnostics)
    }
}

import Foundation
import TestSupport
import Testing
@testable import Spec

/// A file the configuration names (a profile photo) is read as the configuration is: from the folder, or
/// as committed at the revision; never from outside the root, and never past its size limit.
@Suite("Config sources read the files a configuration names", .timeLimit(.minutes(1)))
struct ConfigAssetTests {
    static let photo: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9]

    static func repository() throws -> String {
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("botops-asset-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: temp + "/deploy/img", withIntermediateDirectories: true)
        try "apiVersion: botops/v1\nkind: Project\nmetadata: {name: assets}\n".write(toFile: temp + "/deploy/botops.yaml",
                                                                                   atomically: true, encoding: .utf8)
        try Data(photo).write(to: URL(fileURLWithPath: temp + "/deploy/img/bot.jpg"))
        try Data("outside".utf8).write(to: URL(fileURLWithPath: temp + "/secret.txt"))
        #expect(try TestGit.commitAll(in: temp, message: "assets") == [0, 0, 0])
        return temp
    }

    @Test func aFolderAndItsCommitGiveTheSameBytes() throws {
        let temp = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: temp) }
        let sources: [any ConfigSource] = [DirectorySource(root: temp + "/deploy"),
                                           try GitRevisionSource(repository: temp, revision: "HEAD", subdirectory: "deploy")]
        for source in sources {
            #expect(try source.asset(at: "img/bot.jpg", maxBytes: 1024) == Self.photo, "\(source.displayName)")
            #expect(try source.asset(at: "bots/../img/./bot.jpg", maxBytes: 1024) == Self.photo)
            #expect(try source.asset(at: "img/none.jpg", maxBytes: 1024) == nil, "absent is nil, not an error")
            #expect(try source.asset(at: "img", maxBytes: 1024) == nil, "a folder is not a file")
            #expect(throws: ConfigSourceError.self) { try source.asset(at: "../secret.txt", maxBytes: 1024) }
            #expect(throws: ConfigSourceError.self) { try source.asset(at: "/etc/hostname", maxBytes: 1024) }
            do {
                _ = try source.asset(at: "img/bot.jpg", maxBytes: 4)
                Issue.record("a file over the limit must be refused")
            } catch {
                #expect(error.code == .fileTooLarge)
            }
        }
    }

    @Test func aLinkLeadingOutOfTheFolderIsRefusedAndOneWithinIsFollowed() throws {
        let temp = try Self.repository()
        defer { try? FileManager.default.removeItem(atPath: temp) }
        try FileManager.default.createSymbolicLink(atPath: temp + "/deploy/img/leak.jpg", withDestinationPath: temp + "/secret.txt")
        try FileManager.default.createSymbolicLink(atPath: temp + "/deploy/img/alias.jpg", withDestinationPath: "bot.jpg")
        let folder = DirectorySource(root: temp + "/deploy")
        #expect(try folder.asset(at: "img/alias.jpg", maxBytes: 1024) == Self.photo)
        do {
            _ = try folder.asset(at: "img/leak.jpg", maxBytes: 1024)
            Issue.record("a link out of the folder must be refused")
        } catch {
            #expect(error.message.contains("is a link to a file outside the configuration folder"))
        }
    }
}

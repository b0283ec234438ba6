import Foundation
import Spec
import Testing
import TestSupport

/// A commit that changes one file of many parses that one: what each file read to is remembered by its path and
/// text across loads; a file that names another (a photo) is read every time, so a changed photo is never missed.
@Suite("Load cache: unchanged files of a new commit are not parsed again", .timeLimit(.minutes(1)))
struct FileOutcomeCacheTests {
    static func bot(_ name: String, description: String) -> SourceFile {
        SourceFile(path: "bots/\(name).yaml", text: """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: \(name)}
            spec:
              token: {fromEnv: \(name.uppercased())_TOKEN}
              profile: {name: \(name), description: \(description)}

            """)
    }

    static let project = SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n")

    @Test func aChangedFileIsTheOnlyOneParsed() throws {
        let cache = LoadCache(capacity: 4)
        let loader = SpecLoader(cache: cache)
        let first = [Self.project] + (0..<20).map { Self.bot("b\($0)", description: "first") }
        let before = loader.load(files: first)
        #expect(before.diagnostics.isEmpty)
        #expect(cache.filesRead == 21)

        var second = first
        second[5] = Self.bot("b4", description: "changed")
        let after = loader.load(files: second)
        #expect(cache.filesRead == 22, "only the changed file is parsed")
        let changed = try #require(after.state?.bots.first { $0.metadata.name == "b4" })
        #expect("\(changed.profile)".contains("changed"), "the changed file's new text is what is read")
        #expect(after.state?.bots.count == 20)

        // A loader with other limits reads the same text anew.
        _ = SpecLoader(limits: SpecLimits(maxFileBytes: 1 << 20), cache: cache).load(files: second)
        #expect(cache.filesRead == 43)
    }

    /// A text that differs only in how an accent is written (composed or decomposed) is another text: Telegram
    /// counts its characters differently, so it is read again.
    @Test func aTextIsComparedByItsBytes() throws {
        let cache = LoadCache(capacity: 4)
        let loader = SpecLoader(cache: cache)
        _ = loader.load(files: [Self.project, Self.bot("b", description: "caf\u{E9}")])
        _ = loader.load(files: [Self.project, Self.bot("b", description: "cafe\u{301}")])
        #expect(cache.filesRead == 3, "the decomposed text is parsed, not taken for the composed one")
    }

    @Test func aFileThatNamesAPhotoIsReadEveryTimeAndSeesTheNewPhoto() throws {
        let root = try ProfilePhotoValidationTests.folder(photo: "../img/alpha.jpg", files: ["img/alpha.jpg": TestMedia.jpeg()])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let cache = LoadCache(capacity: 4)
        let loader = SpecLoader(cache: cache)
        let before = try loader.load(from: DirectorySource(root: root))
        let other = TestMedia.jpeg(width: 64, height: 64)
        try Data(other).write(to: URL(fileURLWithPath: root + "/img/alpha.jpg"))
        let after = try loader.load(from: DirectorySource(root: root))
        #expect(cache.filesRead == 3, "botops.yaml once; the bot naming a photo twice")
        #expect(before.state?.bots.first?.profile.photo?.asset?.sha256 != after.state?.bots.first?.profile.photo?.asset?.sha256)
        #expect(after.state?.bots.first?.profile.photo?.asset?.sha256 == AssetCatalog.sha256(other))
    }
}

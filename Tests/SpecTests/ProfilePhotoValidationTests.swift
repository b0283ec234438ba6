import Foundation
import TestSupport
import Testing
@testable import Spec

/// `spec.profile.photo` names a file next to the document; validate reads it from the folder or the
/// commit and refuses at the line what Telegram would refuse: not a JPEG, too large, sides out of
/// proportion, a clip too long, a main frame outside the clip, a file outside the root or missing.
@Suite("Profile photo: validation at the line", .timeLimit(.minutes(1)))
struct ProfilePhotoValidationTests {
    /// A configuration folder with `files` (path to bytes) and a bot in `bots/alpha.yaml` whose profile has `photo`.
    static func folder(photo: String, files: [String: [UInt8]]) throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("botops-photo-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root + "/bots", withIntermediateDirectories: true)
        try "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n".write(toFile: root + "/botops.yaml", atomically: true, encoding: .utf8)
        try """
            apiVersion: botops/v1
            kind: Bot
            metadata: {name: alpha}
            spec:
              token: {fromEnv: ALPHA_TOKEN}
              profile:
                name: Alpha
                photo: \(photo)

            """.write(toFile: root + "/bots/alpha.yaml", atomically: true, encoding: .utf8)
        for (path, bytes) in files {
            try FileManager.default.createDirectory(atPath: ((root + "/" + path) as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            try Data(bytes).write(to: URL(fileURLWithPath: root + "/" + path))
        }
        return root
    }

    static func load(photo: String, files: [String: [UInt8]]) throws -> LoadResult {
        let root = try folder(photo: photo, files: files)
        defer { try? FileManager.default.removeItem(atPath: root) }
        return try SpecLoader().load(from: DirectorySource(root: root))
    }

    static func only(_ result: LoadResult) -> String {
        result.diagnostics.map { "\($0.code) \($0.location.line):\($0.location.column) \($0.message)" }.joined(separator: "\n")
    }

    @Test func aJPEGNextToTheDocumentIsReadWithItsFingerprint() throws {
        let jpeg = TestMedia.jpeg()
        let result = try Self.load(photo: "../img/alpha.jpg", files: ["img/alpha.jpg": jpeg])
        let bot = try #require(result.state?.bots.first, "\(Self.only(result))")
        #expect(bot.profile.photo == .image(ConfigAsset(path: "img/alpha.jpg", sha256: AssetCatalog.sha256(jpeg), byteCount: jpeg.count)))
        #expect(AssetCatalog.sha256(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func anMP4IsAnAnimationAndItsMainFrameIsChecked() throws {
        let clip = TestMedia.mp4(seconds: 4)
        let short = try Self.load(photo: "clip.mp4", files: ["bots/clip.mp4": clip])
        #expect(short.state?.bots.first?.profile.photo?.asset?.path == "bots/clip.mp4")
        if case let .animation(_, timestamp) = short.state?.bots.first?.profile.photo { #expect(timestamp == 0) } else { Issue.record("\(Self.only(short))") }
        let long = try Self.load(photo: "{animation: clip.mp4, mainFrameTimestamp: 1.5}", files: ["bots/clip.mp4": clip])
        #expect(long.state?.bots.first?.profile.photo == .animation(
            ConfigAsset(path: "bots/clip.mp4", sha256: AssetCatalog.sha256(clip), byteCount: clip.count), mainFrameTimestamp: 1.5))
        let outside = try Self.load(photo: "{animation: clip.mp4, mainFrameTimestamp: 4.5}", files: ["bots/clip.mp4": clip])
        #expect(Self.only(outside) == "invalid-value 8:54 'spec.profile.photo.mainFrameTimestamp' is 4.5 s, outside 'clip.mp4', which lasts 4 s; name a moment from 0 to 4")
    }

    @Test func noneAndAnAbsentPhotoDiffer() throws {
        #expect(try Self.load(photo: "none", files: [:]).state?.bots.first?.profile.photo == ProfilePhoto.none)
        let unmanaged = SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "b.yaml", text: "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: a}\nspec:\n  token: {fromEnv: A}\n  profile: {name: A}\n"),
        ])
        #expect(unmanaged.state?.bots.first.map { $0.profile.photo == nil } == true)
    }

    @Test func whatTelegramWouldRefuseIsAnErrorAtTheLine() throws {
        let png: [UInt8] = [0x89] + Array("PNG\r\n".utf8) + Array(repeating: 1, count: 40)
        #expect(Self.only(try Self.load(photo: "a.png", files: ["bots/a.png": png]))
                == "telegram-limit 8:12 'spec.profile.photo': 'a.png' is not a JPEG, and Telegram takes a static photo as a JPEG only; convert it to JPEG")
        #expect(Self.only(try Self.load(photo: "wide.jpg", files: ["bots/wide.jpg": TestMedia.jpeg(width: 4200, height: 200)]))
                .contains("is 4200x200; Telegram takes a photo at most 20 times as long as it is wide"))
        #expect(Self.only(try Self.load(photo: "huge.jpg", files: ["bots/huge.jpg": TestMedia.jpeg(width: 6000, height: 5000)]))
                .contains("add up to at most 10000"))
        let big = TestMedia.jpeg(padding: TelegramRules.maxProfilePhotoBytes)
        #expect(Self.only(try Self.load(photo: "big.jpg", files: ["bots/big.jpg": big]))
                .contains("is larger than Telegram's 10 MB for a photo"))
        #expect(Self.only(try Self.load(photo: "long.mp4", files: ["bots/long.mp4": TestMedia.mp4(seconds: 12.5)]))
                == "telegram-limit 8:12 'spec.profile.photo': 'long.mp4' lasts 12.5 s; an animated profile photo lasts at most 10 s; cut it")
        #expect(Self.only(try Self.load(photo: "fake.mp4", files: ["bots/fake.mp4": TestMedia.jpeg()]))
                .contains("is not an MPEG-4 video"))
    }

    @Test func aMissingFileOrOneOutsideTheRootIsNamed() throws {
        #expect(Self.only(try Self.load(photo: "gone.jpg", files: [:]))
                == "missing-file 8:12 'spec.profile.photo': there is no file 'bots/gone.jpg' (paths are relative to bots/alpha.yaml); add it or fix the path")
        #expect(Self.only(try Self.load(photo: "../../etc/hostname", files: [:]))
                .contains("is outside the configuration root"))
        let handed = SpecLoader().load(files: [
            SourceFile(path: "botops.yaml", text: "apiVersion: botops/v1\nkind: Project\nmetadata: {name: p}\n"),
            SourceFile(path: "b.yaml", text: "apiVersion: botops/v1\nkind: Bot\nmetadata: {name: a}\nspec:\n  token: {fromEnv: A}\n  profile: {photo: a.jpg}\n"),
        ])
        #expect(handed.diagnostics.map(\.code) == [.missingFile], "files handed over without their folder name no photo")
    }

    @Test func aCommitGivesTheSamePhotoAsItsFolderAndApplyRefusesAnEditedFile() throws {
        let jpeg = TestMedia.jpeg()
        let root = try Self.folder(photo: "alpha.jpg", files: ["bots/alpha.jpg": jpeg])
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(try TestGit.commitAll(in: root, message: "photo") == [0, 0, 0])
        let folder = try SpecLoader().load(from: DirectorySource(root: root))
        let commit = try SpecLoader().load(from: GitRevisionSource(repository: root, revision: "HEAD"))
        let asset = try #require(folder.state?.bots.first?.profile.photo?.asset)
        #expect(commit.state?.bots.first?.profile.photo?.asset == asset)
        try Data(TestMedia.jpeg(seed: 9)).write(to: URL(fileURLWithPath: root + "/bots/alpha.jpg"))
        #expect(try commit.state?.assets.bytes(of: asset) == jpeg, "the commit still holds what was validated")
        #expect(throws: ConfigSourceError.self, "the folder no longer does") { try folder.state?.assets.bytes(of: asset) }
    }
}

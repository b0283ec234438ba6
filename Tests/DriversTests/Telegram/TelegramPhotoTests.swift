import AsyncHTTPClient
import Drivers
import Foundation
import Reconciler
import Sandbox
import Spec
import TestSupport
import Testing

/// Profile photos from git, against the sandbox: a file is uploaded once and recognised afterwards by the
/// `file_unique_id` Telegram gave it, never by content; a photo changed by hand is put back; `none` removes
/// until none is left; a photo no longer written is left alone; a converged bot reads one page of photos.
@Suite("Telegram: profile photos from git", .timeLimit(.minutes(5)))
struct TelegramPhotoTests {
    static func botYAML(photo: String) -> String {
        """
        apiVersion: botops/v1
        kind: Bot
        metadata: {name: alpha}
        spec:
          token: {fromEnv: ALPHA_TOKEN}
          profile:
            name: Alpha
        \(photo.isEmpty ? "" : "    photo: \(photo)\n")
        """
    }

    static func writeFile(_ fleet: TelegramFleetHarness, _ path: String, _ bytes: [UInt8]) throws {
        try FileManager.default.createDirectory(atPath: fleet.folder + "/bots", withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: fleet.folder + "/" + path))
    }

    /// The bytes of the bot's current photo, downloaded as a client would: getUserProfilePhotos, getFile, /file/.
    static func currentPhoto(_ fleet: TelegramFleetHarness) async throws -> [UInt8]? {
        let token = try #require(fleet.tokens["alpha"])
        let client = TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared)
        let photos = try await client.call("getUserProfilePhotos", token: token,
                                           ["user_id": .string(String(token.prefix { $0 != ":" })), "limit": .int(1)])
        guard let largest = photos["photos"]?.arrayValue?.first?.arrayValue?.last else { return nil }
        let file = try await client.call("getFile", token: token, ["file_id": largest["file_id"] ?? .null])
        let path = try #require(file["file_path"]?.stringValue)
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(fleet.sandbox.baseURL)/file/bot\(token)/\(path)"),
                                                          timeout: .seconds(10))
        return Array(buffer: try await response.body.collect(upTo: 1 << 24))
    }

    /// Sets a photo as a person would in a client: not through botops.
    static func setByHand(_ fleet: TelegramFleetHarness, _ bytes: [UInt8]) async throws {
        let client = TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared)
        _ = try await client.call("setMyProfilePhoto", token: try #require(fleet.tokens["alpha"]),
                                  ["photo": .object(["type": "static", "photo": "attach://p"])],
                                  files: [TelegramUpload(name: "p", filename: "p.jpg", bytes: bytes)])
    }

    static func calls(_ fleet: TelegramFleetHarness, _ method: String) async -> [SandboxCall] {
        await fleet.sandbox.calls().filter { $0.method == method }
    }

    @Test func aPhotoIsUploadedOnceAndAConvergedBotReadsOnePageOfPhotos() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        let jpeg = TestMedia.jpeg()
        try Self.writeFile(fleet, "bots/alpha.jpg", jpeg)
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: "alpha.jpg"))
        let plan = try await fleet.plan()
        let photo = try #require(plan.changes.first?.fields.first { $0.path == "photo" })
        #expect(photo.before == "none" && photo.after == .string("image sha256:\(AssetCatalog.sha256(jpeg).prefix(16))"))
        #expect(photo.note == "the file is uploaded")
        try await fleet.apply()
        #expect(await Self.calls(fleet, "setMyProfilePhoto").count == 1)
        #expect(try await Self.currentPhoto(fleet) == jpeg, "the photo round-trips byte for byte")
        let recorded = try await fleet.inventory().resources[ResourceAddress(.bot, "alpha")]?.attributes["photoUploaded"]
        #expect(recorded?["fileUniqueID"]?.stringValue?.isEmpty == false)

        await fleet.sandbox.clearCalls()
        #expect(try await fleet.plan().hasChanges == false)
        let reads = await fleet.sandbox.calls()
        #expect(reads.filter { $0.method == "getUserProfilePhotos" }.count == 1, "one page of photos per bot")
        #expect(reads.filter { $0.method == "getUserProfilePhotos" }.first?.params["limit"] == .string("1"), "a read goes as GET, its parameters as text in the query")
        #expect(!reads.contains { $0.method == "getFile" || $0.method == "setMyProfilePhoto" }, "nothing downloaded, nothing uploaded")
    }

    @Test func aPhotoChangedByHandIsPutBackAndANewFileIsOneUpload() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        let jpeg = TestMedia.jpeg()
        try Self.writeFile(fleet, "bots/alpha.jpg", jpeg)
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: "alpha.jpg"))
        try await fleet.apply()
        try await Self.setByHand(fleet, TestMedia.jpeg(seed: 5))
        let drifted = try await fleet.plan()
        let photo = try #require(drifted.actionable.first?.fields.first { $0.path == "photo" })
        #expect(photo.before?.stringValue?.hasPrefix("a photo botops did not upload (file_unique_id ") == true)
        #expect(photo.note == "changed by hand: the file in git is uploaded again")
        try await fleet.apply()
        #expect(try await Self.currentPhoto(fleet) == jpeg)
        #expect(try await fleet.plan().hasChanges == false)

        let next = TestMedia.mp4(seconds: 3)
        try Self.writeFile(fleet, "bots/alpha.mp4", next)
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: "{animation: alpha.mp4, mainFrameTimestamp: 1.5}"))
        let before = await Self.calls(fleet, "setMyProfilePhoto").count
        try await fleet.apply()
        let uploads = await Self.calls(fleet, "setMyProfilePhoto")
        #expect(uploads.count == before + 1)
        let sent = uploads.last.map { "\($0.params)" } ?? ""
        #expect(sent.contains("main_frame_timestamp") && sent.contains("1.5") && sent.contains("animated"), "\(sent)")
        #expect(try await Self.currentPhoto(fleet) == next)
        #expect(try await fleet.plan().hasChanges == false)
    }

    @Test func noneRemovesEveryPhotoAndAPhotoLeftOutIsNoLongerManaged() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        for seed in 1...3 { try await Self.setByHand(fleet, TestMedia.jpeg(seed: UInt8(seed))) }
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: "none"))
        let plan = try await fleet.plan()
        #expect(plan.changes.first?.fields.first { $0.path == "photo" }?.note == "changed by hand: removed")
        try await fleet.apply()
        #expect(await Self.calls(fleet, "removeMyProfilePhoto").count == 3, "removing one shows the one before it")
        #expect(try await Self.currentPhoto(fleet) == nil)
        #expect(try await fleet.plan().hasChanges == false)

        try await Self.setByHand(fleet, TestMedia.jpeg(seed: 7))
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: ""))
        let unmanaged = try await fleet.plan()
        let field = try #require(unmanaged.actionable.first?.fields.first { $0.path == "photo" })
        #expect(field.after == nil && field.note == "no longer managed: left as it is, nothing is sent")
        let writes = await fleet.writes().count
        try await fleet.apply()
        #expect(await fleet.writes().count == writes, "nothing is sent for a photo no longer managed")
        await fleet.sandbox.clearCalls()
        #expect(try await fleet.plan().hasChanges == false)
        #expect(await Self.calls(fleet, "getUserProfilePhotos").isEmpty, "an unmanaged photo is not even read")
        #expect(try await Self.currentPhoto(fleet) == TestMedia.jpeg(seed: 7))
    }

    @Test func aFileEditedBetweenPlanAndApplyIsRefusedForItsBotOnly() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        try Self.writeFile(fleet, "bots/alpha.jpg", TestMedia.jpeg())
        try fleet.write("bots/alpha.yaml", Self.botYAML(photo: "alpha.jpg"))
        let session = try fleet.session(environment: [:])
        try Self.writeFile(fleet, "bots/alpha.jpg", TestMedia.jpeg(seed: 3))
        let result = try await session.apply(approve: { _ in true })
        guard case let .applied(_, report) = result else { Issue.record("\(result)"); return }
        let failure = report.failures.first
        #expect(failure?.message == "'bots/alpha.jpg' changed since the configuration was validated; plan again")
        #expect(await Self.calls(fleet, "setMyProfilePhoto").isEmpty, "nothing half-applied")
        #expect(await fleet.writes().isEmpty, "not even the name: the file is read before any call")
    }
}

import AsyncHTTPClient
import Drivers
import Foundation
import Spec
import Testing

/// The Bot API client uploads files as multipart parts an `attach://` names, bounded in size: what the
/// profile photo of a bot will be sent with.
@Suite("Telegram client: uploads", .timeLimit(.minutes(5)))
struct TelegramUploadTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(0..<200).map { UInt8($0 % 251) } + [0xFF, 0xD9]

    @Test func aPhotoIsUploadedAndReadBackByteForByte() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        let token = try #require(fleet.tokens["alpha"])
        let client = TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared)
        let set = try await client.call("setMyProfilePhoto", token: token,
                                        ["photo": .object(["type": "static", "photo": "attach://avatar"])],
                                        files: [TelegramUpload(name: "avatar", filename: "avatar.jpg", bytes: Self.jpeg)])
        #expect(set == .bool(true))
        let botID = String(token.prefix { $0 != ":" })
        let photos = try await client.call("getUserProfilePhotos", token: token, ["user_id": .string(botID), "limit": .int(1)])
        #expect(photos["total_count"]?.intValue == 1)
        let largest = try #require(photos["photos"]?.arrayValue?.first?.arrayValue?.last)
        let file = try await client.call("getFile", token: token, ["file_id": largest["file_id"] ?? .null])
        let path = try #require(file["file_path"]?.stringValue)
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "\(fleet.sandbox.baseURL)/file/bot\(token)/\(path)"),
                                                          timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        #expect(Array(bytes.readableBytesView) == Self.jpeg, "the bytes sent are the bytes kept")
    }

    @Test func anUploadOverTheLimitIsRefusedBeforeAnythingIsSent() async throws {
        let fleet = try await TelegramFleetHarness(bots: ["alpha"])
        defer { Task { await fleet.shutdown() } }
        let client = TelegramClient(baseURL: fleet.sandbox.baseURL, http: .shared)
        let big = TelegramUpload(name: "avatar", filename: "big.jpg", bytes: Array(repeating: 0, count: TelegramUpload.maxBytes + 1))
        await #expect(throws: TelegramAPIError.self) {
            try await client.call("setMyProfilePhoto", token: fleet.tokens["alpha"]!,
                                  ["photo": .object(["type": "static", "photo": "attach://avatar"])], files: [big])
        }
        #expect(await fleet.sandbox.calls().isEmpty, "nothing reached Telegram")
    }
}

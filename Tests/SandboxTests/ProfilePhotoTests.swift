import Foundation
import Sandbox
import Testing

/// Profile photos (Bot API 9.4) and getFile: uploads as Telegram takes them, a stack of photos whose
/// current one is first, ids that change with every upload, and the bytes downloadable again.
@Suite("Profile photos and getFile", .timeLimit(.minutes(1)))
struct ProfilePhotoTests {
    static let jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0x42, count: 60) + [0xFF, 0xD9]
    static let mp4: [UInt8] = [0, 0, 0, 24] + Array("ftypisom".utf8) + Array(repeating: 0, count: 20)

    /// A multipart call carrying `files` next to `parameters`, as clients upload.
    static func upload(_ api: SandboxHarness, _ method: String, _ parameters: [String: String],
                       files: [String: [UInt8]]) async throws -> APIAnswer {
        let boundary = "photo-boundary-4a2c"
        var body: [UInt8] = []
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for (name, bytes) in files.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"; filename=\"\(name).bin\"\r\n\r\n".utf8)
            body += bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return try await api.send("/bot\(TestBots.alpha.token)/\(method)", method: .POST,
                                  contentType: "multipart/form-data; boundary=\(boundary)", body: body)
    }

    static func photos(_ api: SandboxHarness) async throws -> SandboxJSON? {
        try await api.call("getUserProfilePhotos", ["user_id": "123456789", "limit": 1]).result
    }

    @Test("a photo is set, reported largest last, downloadable, and removed back to the one before")
    func roundTrip() async throws {
        try await SandboxHarness.with { api async throws in
            #expect(try await Self.photos(api)?["total_count"] == 0)
            let first = try await Self.upload(api, "setMyProfilePhoto", ["photo": #"{"type":"static","photo":"attach://avatar"}"#],
                                              files: ["avatar": Self.jpeg])
            #expect(first.result == true, "\(first.description)")
            let listed = try #require(try await Self.photos(api))
            #expect(listed["total_count"] == 1)
            let sizes = try #require(listed["photos"]?.arrayValue?.first?.arrayValue)
            #expect(sizes.compactMap { $0["width"]?.intValue } == [160, 320, 640])
            let largest = try #require(sizes.last)

            let file = try #require(try await api.call("getFile", ["file_id": largest["file_id"] ?? .null]).result)
            #expect(file["file_unique_id"] == largest["file_unique_id"])
            let path = try #require(file["file_path"]?.stringValue)
            let downloaded = try await api.send("/file/bot\(TestBots.alpha.token)/\(path)", method: .GET)
            #expect(downloaded.status == 200)
            #expect(try await api.send("/file/bot\(TestBots.alpha.token)/profile_photos/nothing.jpg", method: .GET).status == 404)

            _ = try await Self.upload(api, "setMyProfilePhoto", ["photo": #"{"type":"animated","animation":"attach://clip"}"#],
                                      files: ["clip": Self.mp4])
            let second = try #require(try await Self.photos(api))
            #expect(second["total_count"] == 2)
            let current = second["photos"]?.arrayValue?.first?.arrayValue?.last?["file_unique_id"]
            #expect(current != largest["file_unique_id"], "every upload is a new file")
            #expect(try await api.call("removeMyProfilePhoto").result == true)
            let back = try #require(try await Self.photos(api))
            #expect(back["total_count"] == 1)
            #expect(back["photos"]?.arrayValue?.first?.arrayValue?.last?["file_unique_id"] == largest["file_unique_id"],
                    "removing the current photo reveals the one before")
        }
    }

    @Test("bad uploads are refused and change nothing", arguments: [
        (#"{"type":"static","photo":"attach://avatar"}"#, "png", "Bad Request: IMAGE_PROCESS_FAILED"),
        (#"{"type":"static","photo":"attach://missing"}"#, "jpeg", "Bad Request: photo must be uploaded as a file"),
        (#"{"type":"static","photo":"https://example.com/a.jpg"}"#, "jpeg", "Bad Request: photo must be uploaded as a file"),
        (#"{"type":"video"}"#, "jpeg", "Bad Request: invalid profile photo type specified"),
        (#"{"photo":"attach://avatar"}"#, "jpeg", #"Bad Request: can't find field "type""#),
        (#"{"type":"animated"}"#, "jpeg", #"Bad Request: can't find field "animation""#),
        (#"["static"]"#, "jpeg", "Bad Request: object expected as profile photo"),
        ("not json", "jpeg", "Bad Request: can't parse photo JSON object"),
        ("", "jpeg", "Bad Request: photo isn't specified"),
    ])
    func badUploads(photo: String, content: String, expected: String) async throws {
        try await SandboxHarness.with { api async throws in
            let bytes = content == "png" ? [0x89, 0x50, 0x4E, 0x47] + Array(repeating: 1, count: 20) : Self.jpeg
            let answer = try await Self.upload(api, "setMyProfilePhoto", ["photo": photo], files: ["avatar": bytes])
            #expect(answer.status == 400)
            #expect(answer.description == expected)
            #expect(try await Self.photos(api)?["total_count"] == 0)
        }
    }

    @Test("only the bot's own photos are listed")
    func otherUsers() async throws {
        try await SandboxHarness.with { api async throws in
            let answer = try await api.call("getUserProfilePhotos", ["user_id": 42])
            #expect(answer.status == 400 && answer.description == "Bad Request: user not found")
            #expect(try await api.call("getUserProfilePhotos", ["user_id": "abc"]).description == "Bad Request: invalid user_id specified")
            #expect(try await api.call("getFile", ["file_id": "nope"]).description == "Bad Request: invalid file_id")
            #expect(try await api.call("getFile").description == "Bad Request: file_id not specified")
        }
    }
}

import Foundation
import Testing

/// A daemon refuses to start with an API key short enough to guess over the network, and says so without the key.
@Suite("botops reconcile: API keys of at least 16 characters", .timeLimit(.minutes(2)),
       .enabled(if: FileManager.default.isExecutableFile(atPath: BotopsProcess.binary)))
struct APIKeyLengthCLITests {
    @Test func aShortKeyIsRefusedBeforeAnythingStarts() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-keys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let arguments = ["reconcile", folder, "--listen", "127.0.0.1:0", "--api-key", "read=env:READ_KEY",
                         "--api-key", "operate=env:OPERATE_KEY"]
        let short = "fifteen-chars-x"
        let refused = try await BotopsProcess.run(arguments, environment: ["READ_KEY": "read-key-long-enough", "OPERATE_KEY": short])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--api-key operate=env:OPERATE_KEY: the key has 15 characters; use at least 16"),
                "\(refused.stderr)")
        #expect(!refused.stderr.contains(short) && !refused.stdout.contains(short), "the key itself is never printed")
    }
}

import Foundation
import Reconciler
import Spec

/// One bot's calls during an import, counted: import says how many calls a probe cost.
struct CountingSession: Sendable {
    let session: BotSession
    private(set) var calls = 0

    init(_ session: BotSession) {
        self.session = session
    }

    mutating func call(_ method: String, _ parameters: [String: JSONValue] = [:]) async throws(ResourceError) -> JSONValue {
        calls += 1
        return try await session.call(method, parameters)
    }

    /// A chat call whose refusal (not found, not a member) comes back typed.
    mutating func chatCall(_ method: String, _ parameters: [String: JSONValue]) async throws(ResourceError) -> Result<JSONValue, ChatRefusalError> {
        calls += 1
        return try await session.chatCall(method, parameters)
    }

    /// The bytes of a file by its `file_id`: `getFile`, then the download.
    mutating func download(fileID: String) async throws(ResourceError) -> [UInt8] {
        let file = try await call("getFile", ["file_id": .string(fileID)])
        guard let path = file["file_path"]?.stringValue else {
            throw ResourceError(address: session.address, code: .readFailed, message: "getFile gave no file_path for the photo")
        }
        calls += 1
        do {
            return try await session.client.download(path, token: session.token)
        } catch {
            throw ResourceError(address: session.address, code: .readFailed, message: "could not download the photo: \(error.description)")
        }
    }
}

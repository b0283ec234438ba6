import Foundation
import Spec

/// A file sent with a Bot API call as a `multipart/form-data` part, referred to from the parameters as
/// `attach://<name>` (a profile photo). Paced and retried like any call of the bot.
public struct TelegramUpload: Sendable, Hashable {
    /// The part's name, which `attach://` names.
    public let name: String
    public let filename: String
    public let bytes: [UInt8]

    /// What one call may upload: Telegram takes 10 MB for a photo a bot sends, and botops sends no more.
    public static let maxBytes = 10 * 1024 * 1024

    public init(name: String, filename: String, bytes: [UInt8]) {
        self.name = name
        self.filename = filename
        self.bytes = bytes
    }

    /// The body and boundary of a call with `parameters` (objects and arrays as JSON text, as the Bot
    /// API reads form values) and `files`.
    static func multipart(_ parameters: [String: JSONValue], files: [TelegramUpload]) -> (boundary: String, body: [UInt8]) {
        let boundary = "botops-" + UUID().uuidString
        var body: [UInt8] = []
        for (name, value) in parameters.sorted(by: { $0.key < $1.key }) {
            let text = value.stringValue ?? value.description
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(text)\r\n".utf8)
        }
        for file in files {
            body += Array(("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").utf8)
            body += file.bytes + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return (boundary, body)
    }
}

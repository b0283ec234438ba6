import AsyncHTTPClient
import Foundation
import NIOCore

extension TelegramClient {
    /// The largest file botops downloads (Telegram serves bots files of up to 20 MB).
    public static let maxDownloadBytes = 20 << 20

    /// The bytes of a file `getFile` named (`file_path`), from `<base>/file/bot<token>/<path>`, paced as a call.
    public func download(_ filePath: String, token: String) async throws(TelegramAPIError) -> [UInt8] {
        var request = HTTPClientRequest(url: "\(baseURL)/file/bot\(token)/\(filePath)")
        request.method = .GET
        do {
            let response = try await http.execute(request, timeout: timeout)
            let body = try await response.body.collect(upTo: Self.maxDownloadBytes)
            guard response.status == .ok else {
                throw TelegramAPIError(code: Int(response.status.code), description: "downloading \(filePath) answered HTTP \(response.status.code)")
            }
            return Array(body.readableBytesView)
        } catch let error as TelegramAPIError {
            throw error
        } catch {
            throw TelegramAPIError(code: 0, description: "cannot download \(filePath) from \(baseURL): "
                + TokenMask.mask("\(error)", token: token))
        }
    }
}

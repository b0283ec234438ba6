import Reconciler
import Spec

/// One bot's calls during one operation, turning Telegram errors into resource errors that name
/// the bot and, for a refused token, point at the token's reference in the YAML.
struct BotSession: Sendable {
    let client: TelegramClient
    let token: String
    let reference: SecretReference
    let address: ResourceAddress
    /// Where the resource is declared, for errors other than a refused token.
    let location: SourceLocation?

    @discardableResult
    func call(_ method: String, _ parameters: [String: JSONValue] = [:], files: [TelegramUpload] = [],
              failure: ResourceError.Code = .readFailed) async throws(ResourceError) -> JSONValue {
        do {
            return try await client.call(method, token: token, parameters, files: files)
        } catch {
            if error.code == 401 {
                throw ResourceError(address: address, code: .unauthorized,
                    message: "Telegram refused the token in \(reference) (401 \(error.description)); "
                        + "check it with @BotFather and update the secret", location: reference.location)
            }
            if let endpoint = error.endpoint {
                throw ResourceError(address: address, unreachable: endpoint, location: location)
            }
            if error.code == 413 {
                throw ResourceError(address: address, code: failure, message: "\(method): \(error.description)", location: location)
            }
            let what = failure == .readFailed ? "could not read" : "could not apply"
            throw ResourceError(address: address, code: failure,
                message: "\(what) \(method): \(error.code == 0 ? "" : "\(error.code) ")\(error.description)",
                location: location)
        }
    }

    /// The bot's own user id: the number its token starts with.
    var botID: Int64? { Int64(token.prefix { $0 != ":" }) }
}

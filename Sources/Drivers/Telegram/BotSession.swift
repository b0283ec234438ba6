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
            throw resourceError(error, method: method, failure: failure)
        }
    }

    /// A call about a chat: a refusal to let the bot see it comes back typed for the caller to decide on;
    /// any other failure is thrown as ``call(_:_:files:failure:)`` throws it.
    func chatCall(_ method: String, _ parameters: [String: JSONValue],
                  failure: ResourceError.Code = .readFailed) async throws(ResourceError) -> Result<JSONValue, ChatRefusalError> {
        do {
            return .success(try await client.call(method, token: token, parameters))
        } catch {
            guard let refusal = error.chatRefusal else { throw resourceError(error, method: method, failure: failure) }
            return .failure(ChatRefusalError(refusal: refusal, description: error.description))
        }
    }

    private func resourceError(_ error: TelegramAPIError, method: String, failure: ResourceError.Code) -> ResourceError {
        if error.code == 401 {
            return ResourceError(address: address, code: .unauthorized,
                message: "Telegram refused the token in \(reference) (401 \(error.description)); "
                    + "check it with @BotFather and update the secret", location: reference.location)
        }
        if let endpoint = error.endpoint { return ResourceError(address: address, unreachable: endpoint, location: location) }
        if error.code == 413 {
            return ResourceError(address: address, code: failure, message: "\(method): \(error.description)", location: location)
        }
        let what = failure == .readFailed ? "could not read" : "could not apply"
        return ResourceError(address: address, code: failure,
            message: "\(what) \(method): \(error.code == 0 ? "" : "\(error.code) ")\(error.description)", location: location)
    }

    /// The bot's own user id: the number its token starts with.
    var botID: Int64? { Int64(token.prefix { $0 != ":" }) }
}

/// A chat refusal with Telegram's own words, for messages.
struct ChatRefusalError: Error, Sendable {
    let refusal: ChatRefusal
    let description: String
}

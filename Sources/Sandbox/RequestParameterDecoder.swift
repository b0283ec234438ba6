import Foundation

/// Turns a request's query string and body into ``MethodArguments``, the way the Bot API server accepts
/// them: query string, `application/json`, `application/x-www-form-urlencoded` or `multipart/form-data`.
/// In form and query encodings, object and array parameters are JSON text, as in the real API.
enum RequestParameterDecoder {
    /// Parameters that carry JSON; the call log shows them parsed whatever the encoding.
    static let jsonParameterNames: Set<String> = ["commands", "scope", "menu_button", "rights", "allowed_updates"]

    static func decode(query: String?, contentType: String?, body: [UInt8]) throws(SandboxAPIError) -> MethodArguments {
        var arguments = MethodArguments()
        if let query {
            for (name, value) in FormURLEncoding.decode(query) { arguments.setText(name, value) }
        }
        let mediaType = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        switch mediaType {
        case "application/json":
            let text = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.isEmpty { break }
            guard case .object(let members)? = SandboxJSON.parse(text) else {
                throw .badRequest("can't parse JSON encoded request body")
            }
            for (name, value) in members { arguments.setJSON(name, value) }
        case "application/x-www-form-urlencoded":
            for (name, value) in FormURLEncoding.decode(String(decoding: body, as: UTF8.self)) { arguments.setText(name, value) }
        case "multipart/form-data":
            guard let boundary = contentType.flatMap(MultipartFormData.boundary(in:)),
                  let parts = MultipartFormData.parse(body, boundary: boundary) else {
                throw .badRequest("can't parse multipart/form-data request body")
            }
            for part in parts {
                if let filename = part.filename {
                    arguments.files.insert(part.name)
                    arguments.fileData[part.name] = part.data
                    arguments.logParams[part.name] = .string("<file \(filename), \(part.data.count) bytes>")
                } else {
                    arguments.setText(part.name, String(decoding: part.data, as: UTF8.self))
                }
            }
        default:
            break
        }
        return arguments
    }
}

extension MethodArguments {
    /// Stores a parameter received as text.
    fileprivate mutating func setText(_ name: String, _ value: String) {
        values[name] = value
        if RequestParameterDecoder.jsonParameterNames.contains(name), let parsed = SandboxJSON.parse(value) {
            logParams[name] = parsed
        } else {
            logParams[name] = .string(value)
        }
    }

    /// Stores a member of a JSON body, as the Bot API server does: strings as they are, numbers and
    /// booleans as their text, objects and arrays as JSON text; `null` counts as absent.
    fileprivate mutating func setJSON(_ name: String, _ value: SandboxJSON) {
        let text: String
        switch value {
        case .null: return
        case .string(let string): text = string
        case .int(let number): text = String(number)
        case .double(let number): text = String(number)
        case .bool(let flag): text = flag ? "true" : "false"
        case .array, .object: text = value.jsonText
        }
        values[name] = text
        logParams[name] = value
    }
}

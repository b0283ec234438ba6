import Foundation

/// A minimal `multipart/form-data` reader: enough for Bot API parameters and file uploads.
enum MultipartFormData {
    struct Part: Sendable, Equatable {
        var name: String
        var filename: String?
        var data: [UInt8]
    }

    /// Splits `body` at `--boundary` lines and reads each part's `Content-Disposition`.
    /// Parts without a name are skipped; a body holding only the closing boundary has no parts.
    /// Returns `nil` when the body has no boundary at all.
    static func parse(_ body: [UInt8], boundary: String) -> [Part]? {
        let delimiter = Array("--\(boundary)".utf8)
        var positions: [Int] = []
        var searchFrom = 0
        while let index = firstIndex(of: delimiter, in: body, from: searchFrom) {
            positions.append(index)
            searchFrom = index + delimiter.count
        }
        guard !positions.isEmpty else { return nil }
        var parts: [Part] = []
        for (start, end) in zip(positions, positions.dropFirst()) {
            var chunk = Array(body[(start + delimiter.count)..<end])
            if chunk.starts(with: [13, 10]) { chunk.removeFirst(2) }
            if chunk.suffix(2) == [13, 10] { chunk.removeLast(2) }
            guard let headerEnd = firstIndex(of: [13, 10, 13, 10], in: chunk, from: 0) else { continue }
            let headers = String(decoding: chunk[..<headerEnd], as: UTF8.self)
            guard let disposition = headers.split(separator: "\r\n").first(where: {
                $0.lowercased().hasPrefix("content-disposition:")
            }), let name = attribute("name", in: disposition) else { continue }
            parts.append(Part(name: name, filename: attribute("filename", in: disposition), data: Array(chunk[(headerEnd + 4)...])))
        }
        return parts
    }

    /// The boundary parameter of a `multipart/form-data` content type.
    static func boundary(in contentType: String) -> String? {
        attribute("boundary", in: Substring(contentType))
    }

    private static func attribute(_ name: String, in header: Substring) -> String? {
        for item in header.split(separator: ";").dropFirst() {
            let pair = item.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            var value = pair[1].trimmingCharacters(in: .whitespaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value
        }
        return nil
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

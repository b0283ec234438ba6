import Foundation
import Spec

/// Writes a tar stream (POSIX ustar, with GNU long names past ustar's limits), the format of a Docker
/// build context. Entries are written with fixed owner and time so the same tree gives the same bytes.
struct TarArchive {
    private(set) var data = Data()

    mutating func append(_ entry: GitBuildContext.Entry) {
        switch entry.kind {
        case let .file(executable):
            write(path: entry.path, mode: executable ? 0o755 : 0o644, size: entry.data.count, type: "0", link: "")
            data.append(entry.data)
            pad()
        case .symlink:
            write(path: entry.path, mode: 0o777, size: 0, type: "2", link: String(decoding: entry.data, as: UTF8.self))
        case .directory:
            write(path: entry.path + "/", mode: 0o755, size: 0, type: "5", link: "")
        }
    }

    /// The two zero blocks that end an archive.
    mutating func finish() {
        data.append(Data(count: 1024))
    }

    private mutating func pad() {
        let remainder = data.count % 512
        if remainder != 0 { data.append(Data(count: 512 - remainder)) }
    }

    private mutating func write(path: String, mode: Int, size: Int, type: Character, link: String) {
        var name = Array(path.utf8), prefix: [UInt8] = []
        if name.count > 100 {
            // ustar: split at a slash into a prefix of up to 155 bytes and a name of up to 100.
            if let split = name.indices.reversed().first(where: { name[$0] == UInt8(ascii: "/") && $0 <= 155 && name.count - $0 - 1 <= 100 }),
               split > 0 {
                prefix = Array(name[..<split])
                name = Array(name[(split + 1)...])
            } else {
                // GNU long name: an 'L' entry whose content is the full path.
                var long = Array(path.utf8)
                long.append(0)
                header(name: Array("././@LongLink".utf8), prefix: [], mode: 0, size: long.count, type: "L", link: [])
                data.append(contentsOf: long)
                pad()
                name = Array(name.prefix(100))
            }
        }
        var linkBytes = Array(link.utf8)
        if linkBytes.count > 100 {
            var long = linkBytes
            long.append(0)
            header(name: Array("././@LongLink".utf8), prefix: [], mode: 0, size: long.count, type: "K", link: [])
            data.append(contentsOf: long)
            pad()
            linkBytes = Array(linkBytes.prefix(100))
        }
        header(name: name, prefix: prefix, mode: mode, size: size, type: type, link: linkBytes)
    }

    private mutating func header(name: [UInt8], prefix: [UInt8], mode: Int, size: Int, type: Character, link: [UInt8]) {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ bytes: [UInt8], at offset: Int, width: Int) {
            for (index, byte) in bytes.prefix(width).enumerated() { block[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let text = String(value, radix: 8)
            let padded = String(repeating: "0", count: max(0, width - 1 - text.count)) + text
            put(Array(padded.utf8), at: offset, width: width - 1)
        }
        put(name, at: 0, width: 100)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(0, at: 136, width: 12)
        put(Array(repeating: UInt8(ascii: " "), count: 8), at: 148, width: 8)
        block[156] = type.asciiValue ?? UInt8(ascii: "0")
        put(link, at: 157, width: 100)
        put(Array("ustar\u{0}00".utf8), at: 257, width: 8)
        put(Array("root".utf8), at: 265, width: 32)
        put(Array("root".utf8), at: 297, width: 32)
        put(prefix, at: 345, width: 155)
        let checksum = block.reduce(0) { $0 + Int($1) }
        let text = String(checksum, radix: 8)
        put(Array((String(repeating: "0", count: max(0, 6 - text.count)) + text).utf8) + [0, UInt8(ascii: " ")], at: 148, width: 8)
        data.append(contentsOf: block)
    }
}

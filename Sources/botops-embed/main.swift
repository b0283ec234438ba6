// Build-time tool of the EmbedFiles plugin: writes a text file as a Swift string constant.
// Usage: botops-embed INPUT OUTPUT TYPE PROPERTY, giving `extension TYPE { static let PROPERTY = ... }`.
import Foundation

let arguments = CommandLine.arguments
guard arguments.count == 5 else {
    FileHandle.standardError.write(Data("usage: botops-embed INPUT OUTPUT TYPE PROPERTY\n".utf8))
    exit(64)
}
let text: String
do {
    text = try String(contentsOfFile: arguments[1], encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("botops-embed: cannot read \(arguments[1]): \(error)\n".utf8))
    exit(1)
}
// A raw string needs more '#' than any run of them after a quote in the text.
var hashes = "#"
while text.contains("\"" + hashes) { hashes += "#" }
let body = text.hasSuffix("\n") ? String(text.dropLast()) : text
let source = """
    // Generated at build time from \(URL(fileURLWithPath: arguments[1]).lastPathComponent) by the EmbedFiles plugin. Do not edit.
    extension \(arguments[3]) {
        public static let \(arguments[4]) = \(hashes)\"\"\"
    \(body)
    \"\"\"\(hashes)
    }

    """
do {
    try source.write(toFile: arguments[2], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("botops-embed: cannot write \(arguments[2]): \(error)\n".utf8))
    exit(1)
}

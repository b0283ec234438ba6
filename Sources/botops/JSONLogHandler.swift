import Foundation
import Logging

/// A swift-log handler writing one JSON object per line to standard error, for log collectors:
/// `time`, `level`, `label`, `message` and the metadata as string fields. Messages and metadata come
/// from botops' own code, which never puts a secret in them.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    private static let lock = NSLock()

    init(label: String) {
        self.label = label
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields: [String: String] = [:]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            fields[key] = "\(value)"
        }
        Self.write(level: event.level.rawValue, label: label, message: "\(event.message)", fields: fields)
    }

    /// Writes one line `{"time", "level", "label", "message", ...fields}` to standard error.
    static func write(level: String, label: String, message: String, fields: [String: String] = [:]) {
        var fields = fields
        fields["time"] = ISO8601DateFormatter().string(from: Date())
        fields["level"] = level
        fields["label"] = label
        fields["message"] = message
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // A dictionary of strings always encodes; the guard only satisfies the signature.
        guard var line = try? encoder.encode(fields) else { return }
        line.append(UInt8(ascii: "\n"))
        lock.lock()
        FileHandle.standardError.write(line)
        lock.unlock()
    }
}

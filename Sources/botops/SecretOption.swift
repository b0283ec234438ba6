import ArgumentParser
import Foundation

/// A secret given on the command line by reference (`env:NAME` or `file:PATH`), never by value, so it
/// stays out of shell history and `ps`.
enum SecretOption {
    /// The value `reference` names; nil for no reference. The value is never printed.
    static func read(_ reference: String?, option: String) throws -> String? {
        guard let reference else { return nil }
        var value: String?
        if reference.hasPrefix("env:") {
            value = ProcessInfo.processInfo.environment[String(reference.dropFirst(4))]
        } else if reference.hasPrefix("file:") {
            do {
                value = try String(contentsOfFile: String(reference.dropFirst(5)), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            } catch {
                throw ValidationError("\(option): cannot read \(reference) (\(error.localizedDescription))")
            }
        } else {
            throw ValidationError("\(option) takes env:NAME or file:PATH (never the secret itself)")
        }
        guard let value, !value.isEmpty else { throw ValidationError("\(option): \(reference) is empty or not set") }
        return value
    }
}

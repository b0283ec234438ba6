import Foundation

/// The parameters of one Bot API call, in the form the official Bot API server works with: every value
/// is a string (objects and arrays as JSON text), whatever encoding the client used.
struct MethodArguments: Sendable, Equatable {
    /// Parameter values by name.
    var values: [String: String] = [:]
    /// Names of parameters uploaded as files (multipart/form-data parts with a filename).
    var files: Set<String> = []
    /// The bytes of each uploaded file, by parameter name (what `attach://<name>` refers to).
    var fileData: [String: [UInt8]] = [:]
    /// The parameters as received, for the call log (masked before they are stored).
    var logParams: [String: SandboxJSON] = [:]

    /// The value of `name`, or `""` when absent, like `query->arg(name)` in the Bot API server.
    subscript(name: String) -> String {
        values[name] ?? ""
    }

    /// Whether `name` was sent at all.
    func has(_ name: String) -> Bool {
        values[name] != nil
    }

    /// `true` for `true`, `yes` or `1` in any case, as the Bot API server's `to_bool`.
    func bool(_ name: String) -> Bool {
        let value = self[name].trimmingCharacters(in: .whitespaces).lowercased()
        return value == "true" || value == "yes" || value == "1"
    }

    /// An integer parameter clamped to `range`; `defaultValue` when absent or empty. Like the Bot API
    /// server, reads the leading digits only, so `abc` counts as 0.
    func integer(_ name: String, default defaultValue: Int, clampedTo range: ClosedRange<Int>) -> Int {
        let text = self[name]
        let value = text.isEmpty ? defaultValue : Self.leadingInteger(text)
        return min(max(value, range.lowerBound), range.upperBound)
    }

    /// `td::to_integer`: an optional minus sign followed by digits; anything after is ignored.
    static func leadingInteger(_ text: String) -> Int {
        var scalars = Substring(text).unicodeScalars[...]
        var negative = false
        if scalars.first == "-" {
            negative = true
            scalars = scalars.dropFirst()
        }
        var value = 0
        for scalar in scalars {
            guard let digit = Int(exactly: scalar.value), (48...57).contains(digit) else { break }
            let (product, overflowMultiplying) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowAdding) = product.addingReportingOverflow(digit - 48)
            if overflowMultiplying || overflowAdding { return negative ? Int.min : Int.max }
            value = sum
        }
        return negative ? -value : value
    }
}

import ArgumentParser

/// A duration on the command line, spelt the same for every option: `30s`, `5m`, `1h`, `1h30m`, `500ms`,
/// or plain seconds (`30`, `0.5`).
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable, CustomStringConvertible {
    let duration: Duration
    /// As written, for help and messages.
    let description: String

    init(_ duration: Duration, written: String) {
        self.duration = duration
        description = written
    }

    init?(argument: String) {
        guard let duration = Self.parse(argument) else { return nil }
        self.init(duration, written: argument)
    }

    var seconds: Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static var defaultCompletionKind: CompletionKind { .default }

    /// Nil for anything else (a negative number, an unknown unit, a unit without a number).
    static func parse(_ text: String) -> Duration? {
        if let plain = Double(text) {
            return plain >= 0 && plain.isFinite ? .milliseconds(Int64((plain * 1000).rounded())) : nil
        }
        var total = Duration.zero
        var rest = Substring(text)
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let digits = rest.prefix { $0.isNumber }
            guard let value = Int64(digits) else { return nil }
            rest = rest.dropFirst(digits.count)
            let unit = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(unit.count)
            switch unit {
            case "ms": total += .milliseconds(value)
            case "s": total += .seconds(value)
            case "m": total += .seconds(value * 60)
            case "h": total += .seconds(value * 3600)
            default: return nil
            }
        }
        return total
    }
}

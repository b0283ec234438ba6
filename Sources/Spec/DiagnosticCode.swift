/// A stable, machine-readable name for the rule a ``Diagnostic`` comes from.
///
/// A struct with static members rather than an enum, so rules can be added without breaking
/// code that switches over them.
public struct DiagnosticCode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The file is not well-formed YAML.
    public static let yamlSyntax = DiagnosticCode(rawValue: "yaml-syntax")
    /// The file is larger, nests deeper or expands more aliases than ``SpecLimits`` allows.
    public static let inputLimit = DiagnosticCode(rawValue: "input-limit")
    /// `apiVersion` is missing or not `botops/v1`.
    public static let apiVersion = DiagnosticCode(rawValue: "api-version")
    /// `kind` is missing or not a kind botops knows.
    public static let unknownKind = DiagnosticCode(rawValue: "unknown-kind")
    /// A key that the kind does not define (often a typo).
    public static let unknownField = DiagnosticCode(rawValue: "unknown-field")
    /// A required key is absent.
    public static let missingField = DiagnosticCode(rawValue: "missing-field")
    /// A value has the wrong YAML type.
    public static let typeMismatch = DiagnosticCode(rawValue: "type-mismatch")
    /// A value has the right type but is out of range or malformed.
    public static let invalidValue = DiagnosticCode(rawValue: "invalid-value")
    /// A value breaks a limit the Telegram Bot API enforces.
    public static let telegramLimit = DiagnosticCode(rawValue: "telegram-limit")
    /// Two resources of one kind share a name, or two resources claim what only one may have.
    public static let duplicate = DiagnosticCode(rawValue: "duplicate")
    /// A reference names a resource or engine that does not exist.
    public static let danglingReference = DiagnosticCode(rawValue: "dangling-reference")
    /// Resources depend on each other in a circle.
    public static let dependencyCycle = DiagnosticCode(rawValue: "dependency-cycle")
    /// There is no `Project`, or more than one.
    public static let projectCount = DiagnosticCode(rawValue: "project-count")
    /// A secret is written in clear where a secret reference belongs.
    public static let literalSecret = DiagnosticCode(rawValue: "literal-secret")
    /// A secret reference could not be resolved (only with secret checking on).
    public static let unresolvedSecret = DiagnosticCode(rawValue: "unresolved-secret")
    /// A cron expression does not parse or is out of range.
    public static let invalidCron = DiagnosticCode(rawValue: "invalid-cron")
    /// A time zone is not in the system's zone database.
    public static let unknownTimeZone = DiagnosticCode(rawValue: "unknown-timezone")
    /// A file the configuration names (a profile photo) is missing, outside the root or unreadable.
    public static let missingFile = DiagnosticCode(rawValue: "missing-file")
    /// A setting that works but is probably not what was meant, or is unsafe.
    public static let advice = DiagnosticCode(rawValue: "advice")
}

/// The `metadata` of a document.
public struct ResourceMetadata: Sendable, Hashable, Codable {
    public var name: String
    public var labels: [String: String]
    /// Explicit ordering edges (`dependsOn: [Kind/name]`), in addition to the references the
    /// spec implies (a Webhook's bot).
    public var dependsOn: [ResourceAddress]
    /// Where the document's `metadata.name` is written; problems about the whole resource point here.
    public var location: SourceLocation
    /// Where each reference to another resource is written (`bot`, `engine`, `dependsOn:Kind/name`), so a
    /// reference to nothing is reported on the line that makes it.
    public var referenceLocations: [String: SourceLocation] = [:]

    public init(name: String, labels: [String: String] = [:], dependsOn: [ResourceAddress] = [],
                location: SourceLocation) {
        self.name = name
        self.labels = labels
        self.dependsOn = dependsOn
        self.location = location
    }
}

extension ResourceMetadata {
    /// Whether `name` may name a document: a DNS label (lowercase letters, digits and '-', at most 63).
    public static func isValidName(_ name: String) -> Bool { SpecSyntax.isDNSLabel(name) }

    /// A document name made from any text (`Acme News!` → `acme-news`); nil when nothing usable is left.
    public static func name(from text: String) -> String? {
        var result = ""
        for scalar in text.lowercased().unicodeScalars {
            if SpecSyntax.isLowerAlnum(scalar) { result.unicodeScalars.append(scalar) } else if !result.hasSuffix("-") { result += "-" }
        }
        let trimmed = String(result.trimmingCharacters(in: ["-"]).prefix(63)).trimmingCharacters(in: ["-"])
        return trimmed.isEmpty ? nil : trimmed
    }
}

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

/// One document of a registered kind after decoding: the kind's own model (`Bot`, `Webhook`).
///
/// The loader keeps every declared resource by kind in ``DesiredState``; the engine and the checks
/// across documents see them only through this protocol.
public protocol DeclaredResource: Sendable, Hashable {
    /// The kind this type declares.
    static var kind: ResourceKind { get }
    var metadata: ResourceMetadata { get }
    /// `Kind/name`. A requirement, with the default below, so that a read through `any DeclaredResource` takes
    /// the name alone: reading `metadata` through the protocol copies all of it (its labels, dependencies and
    /// location), which the checks across 10,000 documents did for every document, several times.
    var address: ResourceAddress { get }
    /// `metadata.dependsOn`. A requirement, with the default below, for the same reason as ``address``: the checks
    /// across documents read it of every document.
    var dependsOn: [ResourceAddress] { get }
    /// The resources its spec names (a Webhook's bot). Each must be declared, or the configuration is
    /// invalid, and each is applied before this one.
    var references: [SpecReference] { get }
    /// Made by the loader from other resources (``KindSpec/derive``), never written in YAML.
    static var isDerived: Bool { get }
}

extension DeclaredResource {
    public var references: [SpecReference] { [] }
    public static var isDerived: Bool { false }

    /// `Kind/name`.
    public var address: ResourceAddress { ResourceAddress(Self.kind, metadata.name) }

    /// `metadata.dependsOn`.
    public var dependsOn: [ResourceAddress] { metadata.dependsOn }
}

/// A resource named in a spec, and the spec key it is written at (its place is in
/// ``ResourceMetadata/referenceLocations``, so a dangling one is reported on its own line).
public struct SpecReference: Sendable, Hashable {
    public let address: ResourceAddress
    public let key: String

    public init(_ address: ResourceAddress, key: String) {
        self.address = address
        self.key = key
    }
}

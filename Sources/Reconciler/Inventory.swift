import Foundation
import Spec

/// What botops has applied and therefore owns: the state store's content.
///
/// Only resources in the inventory are ever deleted; secrets appear only as keyed fingerprints.
public struct Inventory: Sendable, Hashable, Codable {
    public static let formatVersion = 1

    public var formatVersion: Int = Inventory.formatVersion
    /// The revision last applied in full.
    public var revision: String?
    public var appliedAt: Date?
    /// Key of the fingerprints (random per installation, base64), so a fingerprint reveals nothing
    /// without the state store and cannot be matched against other installations.
    public var fingerprintKey: String
    public var resources: [ResourceAddress: InventoryEntry]

    public init(revision: String? = nil, appliedAt: Date? = nil, fingerprintKey: String = Fingerprinter.newKey(),
                resources: [ResourceAddress: InventoryEntry] = [:]) {
        self.revision = revision
        self.appliedAt = appliedAt
        self.fingerprintKey = fingerprintKey
        self.resources = resources
    }

    enum CodingKeys: String, CodingKey {
        case formatVersion, revision, appliedAt, fingerprintKey, resources
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        revision = try container.decodeIfPresent(String.self, forKey: .revision)
        appliedAt = try container.decodeIfPresent(Date.self, forKey: .appliedAt)
        fingerprintKey = try container.decode(String.self, forKey: .fingerprintKey)
        let entries = try container.decode([InventoryEntry].self, forKey: .resources)
        resources = Dictionary(entries.map { ($0.address, $0) }, uniquingKeysWith: { _, last in last })
    }

    /// Resources are written as a list sorted by address, so the file diffs well.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encodeIfPresent(revision, forKey: .revision)
        try container.encodeIfPresent(appliedAt, forKey: .appliedAt)
        try container.encode(fingerprintKey, forKey: .fingerprintKey)
        try container.encode(resources.values.sorted { $0.address < $1.address }, forKey: .resources)
    }

    public func addresses(of kinds: Set<ResourceKind>) -> [ResourceAddress] {
        resources.keys.filter { kinds.contains($0.kind) }.sorted()
    }
}

/// One owned resource.
public struct InventoryEntry: Sendable, Hashable, Codable {
    public var address: ResourceAddress
    /// Fingerprints of write-only values as applied, by field path.
    public var fingerprints: [String: String]
    /// Driver-specific facts needed to observe or delete the resource once it is gone from git.
    public var attributes: [String: JSONValue]
    public var dependsOn: [ResourceAddress]
    public var appliedAt: Date

    public init(address: ResourceAddress, fingerprints: [String: String] = [:], attributes: [String: JSONValue] = [:],
                dependsOn: [ResourceAddress] = [], appliedAt: Date = Date()) {
        self.address = address
        self.fingerprints = fingerprints
        self.attributes = attributes
        self.dependsOn = dependsOn
        self.appliedAt = appliedAt
    }
}

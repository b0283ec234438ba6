import Foundation
import Spec

/// What botops has applied and therefore owns: the state store's content.
///
/// Only resources in the inventory (or found live carrying botops' marker) are ever deleted;
/// secrets appear only as keyed fingerprints.
public struct Inventory: Sendable, Hashable, Codable {
    /// 2 moved the engine's lane out of the attributes; version 1 files are still read.
    public static let formatVersion = 2

    public var formatVersion: Int = Inventory.formatVersion
    /// The revision last applied in full.
    public var revision: String?
    public var appliedAt: Date?
    /// Key of the fingerprints (random per installation, base64), so a fingerprint reveals nothing
    /// without the state store and cannot be matched against other installations. Nil until the
    /// first apply of a fresh store makes one: a plan never writes.
    public var fingerprintKey: String?
    public var resources: [ResourceAddress: InventoryEntry]

    public init(revision: String? = nil, appliedAt: Date? = nil, fingerprintKey: String? = nil,
                resources: [ResourceAddress: InventoryEntry] = [:]) {
        self.revision = revision
        self.appliedAt = appliedAt
        self.fingerprintKey = fingerprintKey
        self.resources = resources
    }

    /// Nothing was ever applied (no key was made yet).
    public var isFresh: Bool { fingerprintKey == nil }

    enum CodingKeys: String, CodingKey {
        case formatVersion, revision, appliedAt, fingerprintKey, resources
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        guard formatVersion <= Inventory.formatVersion else {
            throw DecodingError.dataCorruptedError(forKey: .formatVersion, in: container,
                debugDescription: "state format \(formatVersion) is newer than this botops reads (\(Inventory.formatVersion)); upgrade botops")
        }
        revision = try container.decodeIfPresent(String.self, forKey: .revision)
        appliedAt = try container.decodeIfPresent(Date.self, forKey: .appliedAt)
        fingerprintKey = try container.decodeIfPresent(String.self, forKey: .fingerprintKey)
        let entries = try container.decode([InventoryEntry].self, forKey: .resources)
        resources = Dictionary(entries.map { ($0.address, $0) }, uniquingKeysWith: { _, last in last })
        formatVersion = Inventory.formatVersion
    }

    /// Resources are written as a list sorted by address, so the file diffs well.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encodeIfPresent(revision, forKey: .revision)
        try container.encodeIfPresent(appliedAt, forKey: .appliedAt)
        try container.encodeIfPresent(fingerprintKey, forKey: .fingerprintKey)
        try container.encode(resources.values.sorted { $0.address < $1.address }, forKey: .resources)
    }

    public func addresses(of kinds: Set<ResourceKind>) -> [ResourceAddress] {
        resources.keys.filter { kinds.contains($0.kind) }.sorted()
    }

    /// Whether anything of `kinds` is owned: ``addresses(of:)`` is not empty, found without listing them.
    public func ownsAny(of kinds: Set<ResourceKind>) -> Bool {
        resources.keys.contains { kinds.contains($0.kind) }
    }

    /// Applies a recorded delta.
    public mutating func apply(_ delta: InventoryDelta) {
        for entry in delta.upserts { resources[entry.address] = entry }
        for address in delta.removals { resources[address] = nil }
        if let key = delta.fingerprintKey { fingerprintKey = key }
        if let revision = delta.completed {
            self.revision = revision.revision
            appliedAt = revision.at
        }
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
    /// The engine's lane, kept so a later deletion is serialised with the lane's other changes.
    public var lane: String?
    /// The engine's batch key, kept for the same reason.
    public var batch: String?
    public var appliedAt: Date

    public init(address: ResourceAddress, fingerprints: [String: String] = [:], attributes: [String: JSONValue] = [:],
                dependsOn: [ResourceAddress] = [], lane: String? = nil, batch: String? = nil, appliedAt: Date = Date()) {
        self.address = address
        self.fingerprints = fingerprints
        self.attributes = attributes
        self.dependsOn = dependsOn
        self.lane = lane
        self.batch = batch
        self.appliedAt = appliedAt
    }

    enum CodingKeys: String, CodingKey {
        case address, fingerprints, attributes, dependsOn, lane, batch, appliedAt
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        address = try container.decode(ResourceAddress.self, forKey: .address)
        fingerprints = try container.decodeIfPresent([String: String].self, forKey: .fingerprints) ?? [:]
        attributes = try container.decodeIfPresent([String: JSONValue].self, forKey: .attributes) ?? [:]
        dependsOn = try container.decodeIfPresent([ResourceAddress].self, forKey: .dependsOn) ?? []
        lane = try container.decodeIfPresent(String.self, forKey: .lane)
        batch = try container.decodeIfPresent(String.self, forKey: .batch)
        appliedAt = try container.decode(Date.self, forKey: .appliedAt)
        // Format 1 kept the lane among the driver's attributes.
        if let legacy = attributes.removeValue(forKey: "lane"), lane == nil { lane = legacy.stringValue }
    }
}

import Foundation
import Spec

/// What one step of a run changed in the inventory. Stores record deltas, not whole inventories,
/// so an apply costs the same per change for ten resources or ten thousand.
public struct InventoryDelta: Sendable, Hashable, Codable {
    public struct Completion: Sendable, Hashable, Codable {
        public let revision: String?
        public let at: Date
        public init(revision: String?, at: Date = Date()) {
            self.revision = revision
            self.at = at
        }
    }

    public var upserts: [InventoryEntry]
    public var removals: [ResourceAddress]
    /// The fingerprint key a fresh store's first apply made.
    public var fingerprintKey: String?
    /// Set when the run applied its whole plan: the inventory's revision moves to it.
    public var completed: Completion?

    public init(upserts: [InventoryEntry] = [], removals: [ResourceAddress] = [], fingerprintKey: String? = nil,
                completed: Completion? = nil) {
        self.upserts = upserts
        self.removals = removals
        self.fingerprintKey = fingerprintKey
        self.completed = completed
    }

    public var isEmpty: Bool { upserts.isEmpty && removals.isEmpty && fingerprintKey == nil && completed == nil }

    /// Replaces or forgets the entries given (nil forgets one).
    public init(_ entries: [ResourceAddress: InventoryEntry?]) {
        self.init(upserts: entries.values.compactMap { $0 }.sorted { $0.address < $1.address },
                  removals: entries.filter { $0.value == nil }.keys.sorted())
    }
}

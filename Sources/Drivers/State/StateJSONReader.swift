import Foundation
import Reconciler
import Spec

/// Reads the state as ``StateCoding`` writes it, straight from ``JSONValue`` instead of through `JSONDecoder`'s
/// keyed containers, which cost 8 % of a converged plan of 12,000 rows (a container and a lookup per field of
/// every entry).
///
/// It accepts only what botops writes: the fields with their own types, dates in the UTC form botops writes. On
/// anything else it gives nil, and the caller decodes with `JSONDecoder`, so a damaged or older file still gets
/// the same answer and the same error as before. Whatever it does accept, `JSONDecoder` reads the same
/// (`StateJSONReaderTests` compares the two).
struct StateJSONReader {
    let kinds: KindRegistry

    /// A file store's snapshot: the inventory's keys and `journalSequence` side by side.
    func snapshot(_ data: Data) -> FileSnapshot? {
        guard case let .object(members)? = JSONValue.parsed(data), let inventory = inventory(members) else { return nil }
        guard let sequence = Self.optional(members["journalSequence"], Self.int) else { return nil }
        return FileSnapshot(inventory: inventory, journalSequence: sequence ?? -1)
    }

    /// One line of a file store's journal. A daemon reads the journal on every pass, and an apply folds its
    /// lines in when it finishes: through `JSONDecoder`, 2.5 % of a 1,000-bot apply's CPU in its profile.
    func journalLine(_ data: some Sequence<UInt8>) -> JournalLine? {
        guard case let .object(members)? = JSONValue.parsed(data), let sequence = Self.int(members["sequence"]),
              case let .object(fields)? = members["delta"], let delta = delta(fields) else { return nil }
        return JournalLine(sequence: sequence, delta: delta)
    }

    /// One entry as the Postgres store keeps it, a row's text; `interner` is shared by the rows of one read.
    func entry(_ text: String, interner: inout JSONInterner) -> InventoryEntry? {
        guard case let .object(members)? = JSONValue.parsed(text.utf8) else { return nil }
        return entry(members, interner: &interner)
    }

    private func inventory(_ members: [String: JSONValue]) -> Inventory? {
        // A newer format is refused by the decoder, with the message that says to upgrade.
        guard let version = Self.int(members["formatVersion"]), version <= Inventory.formatVersion,
              let revision = Self.optional(members["revision"], Self.string),
              let appliedAt = Self.optional(members["appliedAt"], Self.date),
              let fingerprintKey = Self.optional(members["fingerprintKey"], Self.string),
              case let .array(items)? = members["resources"] else { return nil }
        var resources: [ResourceAddress: InventoryEntry] = [:]
        resources.reserveCapacity(items.count)
        var interner = JSONInterner()
        for item in items {
            guard case let .object(fields) = item, let entry = entry(fields, interner: &interner) else { return nil }
            resources[entry.address] = entry  // the last of duplicates, as the decoder keeps
        }
        return Inventory(revision: revision, appliedAt: appliedAt, fingerprintKey: fingerprintKey, resources: resources)
    }

    /// `interner` keeps one copy of attribute values that many entries share (a snapshot's thousand bots with the
    /// same commands): about 2 MB of a 1,000-bot plan's heap.
    private func entry(_ members: [String: JSONValue], interner: inout JSONInterner) -> InventoryEntry? {
        guard let address = address(members["address"]), let appliedAt = Self.date(members["appliedAt"]),
              let fingerprints = Self.optional(members["fingerprints"], Self.strings),
              let attributes = Self.optional(members["attributes"], { $0?.objectValue?.mapValues { interner($0) } }),
              let dependsOn = Self.optional(members["dependsOn"], addresses),
              let lane = Self.optional(members["lane"], Self.string),
              let batch = Self.optional(members["batch"], Self.string) else { return nil }
        var entry = InventoryEntry(address: address, fingerprints: fingerprints ?? [:], attributes: attributes ?? [:],
                                   dependsOn: dependsOn ?? [], lane: lane, batch: batch, appliedAt: appliedAt)
        // Format 1 kept the lane among the driver's attributes.
        if let legacy = entry.attributes.removeValue(forKey: "lane"), entry.lane == nil { entry.lane = legacy.stringValue }
        return entry
    }

    /// The delta's own fields; `upserts` and `removals` must be there, as the decoder requires them.
    private func delta(_ members: [String: JSONValue]) -> InventoryDelta? {
        guard case let .array(items)? = members["upserts"], let removals = addresses(members["removals"]),
              let fingerprintKey = Self.optional(members["fingerprintKey"], Self.string),
              let completed = Self.optional(members["completed"], completion) else { return nil }
        var upserts: [InventoryEntry] = []
        upserts.reserveCapacity(items.count)
        var interner = JSONInterner()
        for item in items {
            guard case let .object(fields) = item, let entry = entry(fields, interner: &interner) else { return nil }
            upserts.append(entry)
        }
        return InventoryDelta(upserts: upserts, removals: removals, fingerprintKey: fingerprintKey, completed: completed)
    }

    private func completion(_ value: JSONValue?) -> InventoryDelta.Completion? {
        guard case let .object(members)? = value, let at = Self.date(members["at"]),
              let revision = Self.optional(members["revision"], Self.string) else { return nil }
        return InventoryDelta.Completion(revision: revision, at: at)
    }

    private func address(_ value: JSONValue?) -> ResourceAddress? {
        Self.string(value).flatMap { ResourceAddress(parsing: $0, kinds: kinds) }
    }

    private func addresses(_ value: JSONValue?) -> [ResourceAddress]? {
        guard case let .array(items)? = value else { return nil }
        var result: [ResourceAddress] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard let address = address(item) else { return nil }
            result.append(address)
        }
        return result
    }

    /// `.some(nil)` for a member that is missing or null (what `decodeIfPresent` reads as absent), nil for one
    /// `read` does not take.
    private static func optional<T>(_ value: JSONValue?, _ read: (JSONValue?) -> T?) -> T?? {
        switch value {
        case nil, .null?: return .some(nil)
        default: return read(value).map { .some($0) }
        }
    }

    private static func int(_ value: JSONValue?) -> Int? {
        guard case let .int(number)? = value else { return nil }
        return number
    }

    private static func string(_ value: JSONValue?) -> String? {
        guard case let .string(text)? = value else { return nil }
        return text
    }

    private static func strings(_ value: JSONValue?) -> [String: String]? {
        guard case let .object(members)? = value else { return nil }
        var result: [String: String] = [:]
        result.reserveCapacity(members.count)
        for (key, member) in members {
            guard case let .string(text) = member else { return nil }
            result[key] = text
        }
        return result
    }

    /// Only the form botops writes; an offset or a missing zone goes to the decoder's other parsers.
    private static func date(_ value: JSONValue?) -> Date? {
        string(value).flatMap(StateCoding.parseUTC)
    }
}

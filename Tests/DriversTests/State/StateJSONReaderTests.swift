@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing
import TestSupport

/// The state's fast reader gives what `JSONDecoder` gives for every state botops writes, and for anything else
/// either the same or nothing (then the store decodes as before, errors included).
@Suite("State: the fast reader agrees with JSONDecoder", .timeLimit(.minutes(2)))
struct StateJSONReaderTests {
    let coding = StateCoding()
    var reader: StateJSONReader { StateJSONReader(kinds: coding.kinds) }
    static let kinds: [ResourceKind] = [.bot, .webhook, .schedule, .booster, .container]

    /// What the decoder makes of `data` as a `type`, or nil when it refuses it.
    func decoded<Value: Decodable>(_ data: Data, as type: Value.Type = FileSnapshot.self) -> Value? {
        do {
            return try coding.decoder().decode(type, from: data)
        } catch {
            return nil
        }
    }

    /// Mutates `samples` 20,000 times: whatever `fast` takes, the decoder must read to an equal value (`same`),
    /// and the mutations must reach both paths.
    func mutationsAgree<Value: Decodable>(_ samples: [[UInt8]], alphabet: String, seed: UInt64, as type: Value.Type,
                                          fast: (Data) -> Value?, same: (Value, Value) -> Bool) {
        var random = SplitMix(seed: seed)
        let alphabet = Array(alphabet.utf8)
        var taken = 0, left = 0
        for round in 0..<20_000 {
            let text = Data(random.mutated(samples[round % samples.count], alphabet: alphabet, most: 3))
            guard let fast = fast(text) else {
                left += 1
                continue
            }
            taken += 1
            let slow = decoded(text, as: type)
            #expect(slow != nil, "the fast reader took a text the decoder refuses: \(String(decoding: text, as: UTF8.self))")
            #expect(slow.map { same($0, fast) } ?? false, "\(String(decoding: text, as: UTF8.self))")
        }
        #expect(taken > 1_000 && left > 1_000, "the mutations reach both paths: \(taken) taken, \(left) left to the decoder")
    }

    @Test func everyStateWrittenReadsTheSameBothWays() throws {
        var random = SplitMix(seed: 0x5747_4A53)
        for round in 0..<300 {
            let snapshot = FileSnapshot(inventory: Self.inventory(&random), journalSequence: Int(random.next() % 50) - 1)
            let data = try coding.encoder(pretty: round.isMultiple(of: 2)).encode(snapshot)
            let fast = try #require(reader.snapshot(data), "round \(round): botops' own state must take the fast path")
            let slow = try #require(decoded(data))
            #expect(fast.inventory == slow.inventory, "round \(round)")
            #expect(fast.journalSequence == slow.journalSequence)
            // What was written (dates lose what is below a millisecond, so they are compared apart).
            #expect(fast.inventory.resources.mapValues(\.attributes) == snapshot.inventory.resources.mapValues(\.attributes))
            #expect(fast.inventory.resources.mapValues(\.fingerprints) == snapshot.inventory.resources.mapValues(\.fingerprints))
            #expect(fast.inventory.resources.mapValues(\.dependsOn) == snapshot.inventory.resources.mapValues(\.dependsOn))
            #expect(fast.inventory.revision == snapshot.inventory.revision && fast.inventory.fingerprintKey == snapshot.inventory.fingerprintKey)
            for entry in snapshot.inventory.resources.values {
                let text = String(decoding: try coding.encoder(pretty: false).encode(entry), as: UTF8.self)
                var interner = JSONInterner()
                #expect(reader.entry(text, interner: &interner) == (try coding.decoder().decode(InventoryEntry.self, from: Data(text.utf8))))
            }
        }
    }

    /// Broken and unusual texts: whatever the fast reader accepts, the decoder reads to the same state.
    @Test func whatTheFastReaderTakesTheDecoderReadsTheSame() throws {
        var random = SplitMix(seed: 0x4D55_5441)
        let samples = try (0..<8).map { _ in
            Array(try coding.encoder(pretty: false).encode(FileSnapshot(inventory: Self.inventory(&random, most: 3), journalSequence: 4)))
        }
        mutationsAgree(samples, alphabet: #"{}[]":,0123456789.-eZT nulltruefalse"lane""attributes"\u00e9"#, seed: 0x4D55_5442,
                       as: FileSnapshot.self, fast: reader.snapshot) {
            $0.inventory == $1.inventory && $0.journalSequence == $1.journalSequence
        }
    }

    static func line(_ random: inout SplitMix) -> JournalLine {
        let upserts = inventory(&random, most: 4).resources.values.sorted { $0.address < $1.address }
        let removals = (0..<(random.next() % 3)).map { _ in ResourceAddress(kinds[Int(random.next() % UInt64(kinds.count))], name(&random)) }
        let completed = random.next() % 2 == 0 ? nil
            : InventoryDelta.Completion(revision: random.next() % 3 == 0 ? nil : String(random.next(), radix: 16), at: date(&random))
        return JournalLine(sequence: Int(random.next() % 1000), delta: InventoryDelta(
            upserts: upserts, removals: removals, fingerprintKey: random.next() % 4 == 0 ? "k\(random.next() % 9)=" : nil,
            completed: completed))
    }

    @Test func everyJournalLineWrittenReadsTheSameBothWays() throws {
        var random = SplitMix(seed: 0x4A4F_5552)
        for round in 0..<300 {
            let data = try coding.encoder(pretty: false).encode(Self.line(&random))
            let fast = try #require(reader.journalLine(data), "round \(round): botops' own journal must take the fast path")
            let slow = try #require(decoded(data, as: JournalLine.self))
            #expect(fast.sequence == slow.sequence && fast.delta == slow.delta, "round \(round)")
        }
    }

    @Test func whatTheFastReaderTakesOfAJournalTheDecoderReadsTheSame() throws {
        var random = SplitMix(seed: 0x4C49_4E45)
        let samples = try (0..<8).map { _ in Array(try coding.encoder(pretty: false).encode(Self.line(&random))) }
        mutationsAgree(samples, alphabet: #"{}[]":,0123456789.-eZT nulltruefalse"upserts""removals""completed""at"\u00e9"#,
                       seed: 0x4C49_4E46, as: JournalLine.self, fast: { reader.journalLine($0) }) {
            $0.sequence == $1.sequence && $0.delta == $1.delta
        }
    }

    @Test func anOlderOrUnusualFileIsLeftToTheDecoder() throws {
        // Format 1: the lane among the attributes, dates without fractions, no journal sequence.
        let formatOne = Data("""
            {"formatVersion": 1, "appliedAt": "2026-01-02T03:04:05Z", "resources": [{"address": "Container/web",
             "appliedAt": "2026-01-02T03:04:05Z", "attributes": {"lane": "engine:a", "id": "c1"}}]}
            """.utf8)
        let fast = try #require(reader.snapshot(formatOne), "format 1 is within what the fast reader takes")
        #expect(fast.inventory == decoded(formatOne)?.inventory)
        #expect(fast.inventory.resources[ResourceAddress(.container, "web")]?.lane == "engine:a")
        #expect(fast.journalSequence == -1)
        // A date with an offset, a newer format, a number where a string belongs: the decoder's to read or refuse.
        for text in [
            #"{"formatVersion": 2, "appliedAt": "2026-01-02T03:04:05+01:00", "resources": []}"#,
            #"{"formatVersion": 3, "resources": []}"#,
            #"{"formatVersion": 2, "revision": 7, "resources": []}"#,
            #"{"formatVersion": 2, "resources": [{"address": "Nonsense/x", "appliedAt": "2026-01-02T03:04:05Z"}]}"#,
        ] {
            #expect(reader.snapshot(Data(text.utf8)) == nil, "\(text)")
        }
        #expect(decoded(Data(#"{"formatVersion": 2, "appliedAt": "2026-01-02T03:04:05+01:00", "resources": []}"#.utf8)) != nil)
    }

    static func inventory(_ random: inout SplitMix, most: UInt64 = 12) -> Inventory {
        var inventory = Inventory(revision: random.next() % 3 == 0 ? nil : String(random.next(), radix: 16),
                                  appliedAt: random.next() % 4 == 0 ? nil : date(&random),
                                  fingerprintKey: random.next() % 5 == 0 ? nil : "k\(random.next() % 1000)=")
        for _ in 0..<(random.next() % (most + 1)) {
            let address = ResourceAddress(kinds[Int(random.next() % UInt64(kinds.count))], name(&random))
            var fingerprints: [String: String] = [:]
            for _ in 0..<(random.next() % 3) { fingerprints[name(&random)] = "hmac-sha256:\(random.next())" }
            var attributes: [String: JSONValue] = [:]
            // Not "lane": format 1 kept the lane there, and both readers take it out.
            for _ in 0..<(random.next() % 4) { attributes[name(&random).replacingOccurrences(of: "lane", with: "lean")] = value(&random, depth: 0) }
            inventory.resources[address] = InventoryEntry(
                address: address, fingerprints: fingerprints, attributes: attributes,
                dependsOn: (0..<(random.next() % 3)).map { _ in ResourceAddress(.bot, name(&random)) },
                lane: random.next() % 2 == 0 ? nil : "engine:\(random.next() % 3)",
                batch: random.next() % 2 == 0 ? nil : "postgres", appliedAt: date(&random))
        }
        return inventory
    }

    static func date(_ random: inout SplitMix) -> Date {
        Date(timeIntervalSince1970: Double(1_700_000_000_000 + Int(random.next() % 100_000_000_000)) / 1000)
    }

    static func name(_ random: inout SplitMix) -> String {
        let names = ["alpha", "beta", "news-bot", "lane", "é-ünïcode", "quote\"d", "back\\slash", "tab\tbed", "id", "x"]
        return names[Int(random.next() % UInt64(names.count))] + (random.next() % 2 == 0 ? "" : "\(random.next() % 100)")
    }

    static func value(_ random: inout SplitMix, depth: Int) -> JSONValue {
        switch random.next() % (depth > 2 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.next() % 2 == 0)
        case 2: return .int(Int(truncatingIfNeeded: random.next()) >> Int(random.next() % 64))
        // Never whole: a whole double is written as an integer and reads back as `.int`, by either reader.
        case 3: return .double((Double(Int(random.next() % 10_000) - 5_000) + 0.5) / 7)
        case 4: return .string(name(&random))
        case 5: return .array((0..<(random.next() % 4)).map { _ in value(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<(random.next() % 4) { members[name(&random)] = value(&random, depth: depth + 1) }
            return .object(members)
        }
    }
}

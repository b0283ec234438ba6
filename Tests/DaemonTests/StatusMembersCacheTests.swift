@testable import Daemon
import Foundation
import Spec
import Testing

/// The status answer's `resources` and `webhooks` are encoded once per state of the fleet: the same fleet gives the
/// same text without encoding it again, any change to it gives the new text, and the answer is one JSON object.
@Suite("Status: the fleet's members encoded once per change", .timeLimit(.minutes(1)))
struct StatusMembersCacheTests {
    static func fleet(_ names: [String], message: String? = nil) -> FleetStatus {
        var fleet = FleetStatus()
        for name in names {
            fleet.resources[ResourceAddress(.bot, name)] = FleetStatus.Resource(sync: .synced, checkedAt: Date(timeIntervalSince1970: 1_800_000_000),
                                                                               message: message, status: nil)
        }
        fleet.webhooks["w"] = FleetStatus.WebhookHealth(pendingUpdates: 2, lastErrorAt: nil, lastError: nil,
                                                        checkedAt: Date(timeIntervalSince1970: 1_800_000_000))
        return fleet
    }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func theSameFleetIsAnsweredFromTheCacheAndAChangedOneAnew() throws {
        let cache = StatusMembersCache(), encoder = DaemonServer.jsonEncoder()
        let first = try cache.members(of: Self.fleet(["alpha", "beta"]), encoder: encoder)
        let members = try Self.object(first)
        #expect((members["resources"] as? [String: Any])?.keys.sorted() == ["Bot/alpha", "Bot/beta"])
        #expect(((members["webhooks"] as? [String: Any])?["w"] as? [String: Any])?["pendingUpdates"] as? Int == 2)
        // Equal fleets give the very bytes encoded first.
        #expect(try cache.members(of: Self.fleet(["alpha", "beta"]), encoder: encoder) == first)
        let changed = try cache.members(of: Self.fleet(["alpha", "beta"], message: "failed"), encoder: encoder)
        #expect(changed != first)
        #expect(((try Self.object(changed)["resources"] as? [String: Any])?["Bot/alpha"] as? [String: Any])?["message"] as? String == "failed")
        #expect(try Self.object(cache.members(of: Self.fleet(["alpha"]), encoder: encoder))["resources"].map { ($0 as? [String: Any])?.count } == 1)
    }

    @Test func theHeadAndTheMembersJoinIntoOneObject() throws {
        let encoder = DaemonServer.jsonEncoder()
        let head = try encoder.encode(["passes": 3, "requests": 1])
        let members = try StatusMembersCache().members(of: Self.fleet(["alpha"]), encoder: encoder)
        let joined = try Self.object(StatusMembersCache.joined(head, members))
        #expect(joined.keys.sorted() == ["passes", "requests", "resources", "webhooks"])
        #expect(try Self.object(StatusMembersCache.joined(Data("{}".utf8), Data(" { \"a\" : 1 }\n".utf8))).keys.sorted() == ["a"])
        #expect(try Self.object(StatusMembersCache.joined(Data("{\"a\":1}\n".utf8), Data("{}".utf8))).keys.sorted() == ["a"])
    }
}

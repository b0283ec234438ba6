import Foundation
import Spec
import Synchronization

/// The two large members of `GET /api/v1/status`, `resources` and `webhooks`, encoded once for each state of the
/// fleet they show instead of on every request.
///
/// They change only when a pass ends, while a page, a bench or a script may poll the status many times a second:
/// encoding 2,000 resources per answer cost a polled daemon a quarter of its CPU (docs/performance.md). A request
/// compares the fleet with the one last encoded (far cheaper than encoding it) and reuses the text when equal.
final class StatusMembersCache: Sendable {
    private struct Entry {
        let resources: [ResourceAddress: FleetStatus.Resource]
        let webhooks: [String: FleetStatus.WebhookHealth]
        /// `{"resources":{...},"webhooks":{...}}` as the status answer's encoder writes it.
        let json: Data
    }

    private let last = Mutex<Entry?>(nil)

    /// The members of `fleet` as one JSON object, from the cache when the fleet is the one last encoded.
    func members(of fleet: FleetStatus, encoder: JSONEncoder) throws -> Data {
        if let json = last.withLock({ entry in
            entry.flatMap { $0.resources == fleet.resources && $0.webhooks == fleet.webhooks ? $0.json : nil }
        }) {
            return json
        }
        let members = Members(resources: Dictionary(uniqueKeysWithValues: fleet.resources.map { ($0.key.description, $0.value) }),
                              webhooks: fleet.webhooks)
        let json = try encoder.encode(members)
        last.withLock { $0 = Entry(resources: fleet.resources, webhooks: fleet.webhooks, json: json) }
        return json
    }

    private struct Members: Encodable {
        let resources: [String: FleetStatus.Resource]
        let webhooks: [String: FleetStatus.WebhookHealth]
    }

    /// `head` (a JSON object) with the members of `members` (another) after its own: both as JSONEncoder writes
    /// objects, so the first ends in `}` and the second starts with `{`, whitespace aside.
    static func joined(_ head: Data, _ members: Data) -> Data {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        var joined = Data(head.reversed().drop(while: isSpace).dropFirst().reversed())
        let body = members.drop(while: isSpace).dropFirst()
        let headIsEmpty = joined.last == UInt8(ascii: "{")
        let bodyIsEmpty = body.first { !isSpace($0) } == UInt8(ascii: "}")
        if !headIsEmpty, !bodyIsEmpty { joined.append(UInt8(ascii: ",")) }
        joined.append(contentsOf: body)
        return joined
    }
}

import Foundation
import Reconciler
import Spec

/// The event log beside the state file: `state.json.events`, one event a line, oldest first, rewritten
/// whole (a temporary file renamed over it) so a reader never sees half an event.
extension FileStateStore: EventStore {
    var eventsPath: String { path + ".events" }

    func append(_ events: [FleetEvent], retentionDays: Int, now: Date) throws {
        guard !events.isEmpty else { return }
        var kept = try eventLines()
        let known = Set(kept.map(\.id))
        kept += events.filter { !known.contains($0.id) }
        // Oldest first by time, as a replica that saw them later may write them after newer ones (a stable sort).
        kept = kept.enumerated().sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }.map(\.element)
        let cutoff = now.addingTimeInterval(-TimeInterval(retentionDays) * 86_400)
        kept = Array(kept.filter { $0.at >= cutoff }.suffix(EventStoreLimits.maximumEvents))
        let encoder = coding.encoder(pretty: false)
        var data = Data()
        for event in kept {
            data.append(try encoder.encode(event))
            data.append(0x0A)
        }
        try writeAtomically(data, to: eventsPath)
    }

    public func append(_ events: [FleetEvent], retentionDays: Int) async throws {
        try append(events, retentionDays: retentionDays, now: Date())
    }

    public func events(_ query: EventQuery) async throws -> [FleetEvent] {
        Array(try eventLines().reversed().lazy.filter(query.matches).prefix(query.limit))
    }

    /// Every event in the file, oldest first.
    private func eventLines() throws -> [FleetEvent] {
        guard let data = FileManager.default.contents(atPath: eventsPath), !data.isEmpty else { return [] }
        let decoder = coding.decoder()
        return try data.split(separator: 0x0A, omittingEmptySubsequences: true).map { line in
            do {
                return try decoder.decode(FleetEvent.self, from: Data(line))
            } catch {
                throw StateStoreError(store: description,
                    message: "the event log \(eventsPath) has a line that is not an event; move the file aside to start a new log")
            }
        }
    }
}

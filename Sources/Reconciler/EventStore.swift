import Foundation
import Spec

/// A state store that also keeps the daemon's event log, bounded by age and count, so every replica
/// sharing the store reads the same events.
///
/// Appends need no run lock: only the leading daemon writes events, and an event already in the log
/// (same ``FleetEvent/id``) is kept once.
public protocol EventStore: StateStore {
    /// Adds `events`, skipping any whose id the log holds, then drops events older than `retentionDays`
    /// and the oldest beyond ``EventStoreLimits/maximumEvents``.
    func append(_ events: [FleetEvent], retentionDays: Int) async throws
    /// The events `query` asks for, newest first.
    func events(_ query: EventQuery) async throws -> [FleetEvent]
}

/// Bounds every event store keeps.
public enum EventStoreLimits {
    /// Events kept per Project whatever their age: the log stays small enough to read whole.
    public static let maximumEvents = 10_000
}

extension StateStore {
    /// This store as an event log: both stores botops has keep one; another is an error naming it.
    public func eventLog() throws(SessionError) -> any EventStore {
        guard let log = self as? any EventStore else {
            throw SessionError(.stateUnavailable, "the state store \(self) keeps no event log")
        }
        return log
    }
}

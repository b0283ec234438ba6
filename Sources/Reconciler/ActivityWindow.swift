import Foundation

/// A span of time whose happenings to live objects a driver reports beside what it observes (a
/// container that exited on its own), in ``Observations/details``.
///
/// The daemon sets it pass after pass, each window starting where the last ended, so a happening is
/// reported once; a plan on the command line leaves it unset and costs nothing more.
public struct ActivityWindow: Sendable, Hashable {
    public let since: Date
    public let until: Date

    /// `since` after `until` is read as an empty window at `until`.
    public init(since: Date, until: Date) {
        self.since = min(since, until)
        self.until = until
    }

    /// Whether `date` falls in the window: after its start, up to and including its end.
    public func contains(_ date: Date) -> Bool { date > since && date <= until }
}

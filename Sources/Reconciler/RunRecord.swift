import Foundation
import Spec

/// One finished run, as the history keeps it.
public struct RunRecord: Sendable, Hashable, Codable {
    /// How the run ended.
    public enum Result: String, Sendable, Hashable, Codable {
        /// Every change applied (or there was nothing to do).
        case succeeded
        /// Some changes failed or were skipped; the others were applied and recorded.
        case failed
        /// Stopped half-way (a signal, a lost lock); what was not started is listed as such.
        case cancelled
        /// Refused before any change (deletion limit, empty or partial plan, stale saved plan).
        case refused
        /// The plan could not be made (invalid configuration, the state unreadable).
        case errored
    }

    /// How one change of a run ended, in the history's words.
    public enum Outcome: String, Sendable, Hashable, Codable {
        case applied
        case failed
        /// Not attempted because a resource it depends on failed.
        case skipped
        /// Not started because the run stopped first.
        case notStarted = "not-started"
    }

    /// One change the run made or meant to make.
    public struct Entry: Sendable, Hashable, Codable {
        public let address: ResourceAddress
        public let action: Action
        public let outcome: Outcome
        public let message: String?

        public init(address: ResourceAddress, action: Action, outcome: Outcome, message: String? = nil) {
            self.address = address
            self.action = action
            self.outcome = outcome
            self.message = message
        }
    }

    public let run: RunInfo
    public let finishedAt: Date
    public let revision: String?
    public let result: Result
    /// Planned changes per action (`create`: 2, ...), no-ops left out.
    public let counts: [String: Int]
    public let changes: [Entry]
    /// Applied changes left out of ``changes`` to keep the history small (a 10,000-row first apply);
    /// every change that did not apply is always listed.
    public let omittedChanges: Int?
    /// Errors not tied to one change (a refusal, a failed read), for people.
    public let errors: [String]
    /// What resources reported about themselves when the run read them (a container's health, a Channel's
    /// missing right), by address, also of those the run changed; nil when none did.
    public let statuses: [String: String]?

    /// When the run got the state lock (nil in records from before botops kept it). Runs that changed anything hold
    /// the lock from here to ``finishedAt``, so two records' spans never overlap; ``RunInfo/startedAt`` may be
    /// earlier, by the time the run waited for it.
    public private(set) var lockedAt: Date?

    /// The record with the time its run got the lock, unless it has one already.
    public func locked(at date: Date) -> RunRecord {
        var record = self
        record.lockedAt = lockedAt ?? date
        return record
    }

    /// Applied changes a record lists at most.
    public static let listedApplied = 200

    public init(run: RunInfo, finishedAt: Date = Date(), revision: String?, result: Result, counts: [String: Int] = [:],
                changes: [Entry] = [], errors: [String] = [], statuses: [String: String]? = nil) {
        self.statuses = statuses.flatMap { $0.isEmpty ? nil : $0 }
        let applied = changes.filter { $0.outcome == .applied }
        let kept = applied.count > RunRecord.listedApplied
            ? Set(applied.prefix(RunRecord.listedApplied).map(\.address)) : nil
        self.changes = kept.map { kept in changes.filter { $0.outcome != .applied || kept.contains($0.address) } } ?? changes
        omittedChanges = kept == nil ? nil : applied.count - RunRecord.listedApplied
        self.run = run
        self.finishedAt = finishedAt
        self.revision = revision
        self.result = result
        self.counts = counts
        self.errors = errors
    }
}

import Foundation

/// Who a run is: written into the lock so a second run can say who holds it, and into the history.
public struct RunInfo: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What started the run: `cli`, `timer`, `push`, `manual`, `restart`.
    public struct Trigger: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let cli = Trigger(rawValue: "cli")
        public static let timer = Trigger(rawValue: "timer")
        public static let push = Trigger(rawValue: "push")
        public static let manual = Trigger(rawValue: "manual")
        /// `botops restart` (or the daemon's restart endpoint): an imperative restart, no desired change.
        public static let restart = Trigger(rawValue: "restart")
    }

    /// Unique per run.
    public let id: String
    public let host: String
    public let pid: Int32
    public let startedAt: Date
    public let trigger: Trigger

    public init(id: String = UUID().uuidString.lowercased(), host: String = ProcessInfo.processInfo.hostName,
                pid: Int32 = ProcessInfo.processInfo.processIdentifier, startedAt: Date = Date(), trigger: Trigger = .cli) {
        self.id = id
        self.host = host
        self.pid = pid
        self.startedAt = startedAt
        self.trigger = trigger
    }

    public var description: String {
        "pid \(pid) on \(host), \(trigger) run since \(ISO8601DateFormatter().string(from: startedAt))"
    }
}

import Foundation
import Reconciler
import Spec

/// The fleet as the daemon's passes last saw it, for `GET /api/v1/status`: each resource's sync state,
/// each webhook's delivery health (from `getWebhookInfo`), and the revisions. A full pass replaces what
/// is known; a targeted pass updates the resources it read.
public struct FleetStatus: Sendable {
    /// One resource, as the last pass that read it left it.
    public struct Resource: Sendable, Encodable, Equatable {
        public let sync: SyncState
        public let checkedAt: Date
        public let message: String?
        /// What the live object reports about itself (a container's health, a webhook's failed delivery).
        public let status: String?
        /// Its health where it has one: a container's check, or `degraded` for a Channel whose bot lacks a right.
        public var health: LiveStatus.Health? = nil
        /// The change the last plan held for it and did not make (refused, failed, skipped), as the text
        /// plan's lines; nil when there is none.
        public var pending: PendingDisplay? = nil
        /// Where the last error points in the YAML.
        public var location: SourceLocation? = nil
    }

    /// A change the fleet page shows: its action and its field lines (secrets as `(sensitive value changed)`).
    public struct PendingDisplay: Sendable, Encodable, Equatable {
        public let action: Action
        public let lines: [String]
    }

    /// How Telegram's deliveries to one bot's webhook go.
    public struct WebhookHealth: Sendable, Encodable, Equatable {
        public let pendingUpdates: Int
        public let lastErrorAt: Date?
        public let lastError: String?
        public let checkedAt: Date
    }

    /// The revision last converged (recorded in the state as applied), and the newest the daemon read.
    public internal(set) var appliedRevision: String?
    public internal(set) var targetRevision: String?
    public internal(set) var resources: [ResourceAddress: Resource] = [:]
    /// By Webhook name.
    public internal(set) var webhooks: [String: WebhookHealth] = [:]

    public init() {}

    /// Takes in a pass's plan and, when it applied, its report (nil for a refused plan).
    mutating func note(_ plan: Plan, report: ApplyReport?, at now: Date = Date()) {
        if plan.targetedSince == nil {
            resources = [:]
            webhooks = [:]
        }
        if appliedRevision == nil { appliedRevision = plan.appliedRevision }
        targetRevision = plan.revision
        for change in plan.changes {
            let key = change.address
            if change.action == .noOp {
                if change.cause == .forget || change.cause == .release || change.cause == .keptPruneOff {
                    resources[key] = nil
                } else {
                    resources[key] = Resource(sync: .synced, checkedAt: now, message: nil, status: change.status, health: change.health)
                }
            } else if let report {
                switch report.outcomes[change.address] ?? .notStarted {
                case .applied:
                    resources[key] = change.action == .delete ? nil
                        : Resource(sync: .synced, checkedAt: now, message: nil, status: change.status, health: change.health)
                case let .failed(error):
                    resources[key] = Resource(sync: .failed, checkedAt: now, message: error.message, status: change.status, health: change.health,
                                              pending: Self.pending(change), location: error.location)
                case let .skipped(because):
                    resources[key] = Resource(sync: .skipped, checkedAt: now, message: "\(because) failed", status: change.status,
                                              health: change.health, pending: Self.pending(change))
                case .notStarted:
                    resources[key] = Resource(sync: .notStarted, checkedAt: now, message: nil, status: change.status, health: change.health,
                                              pending: Self.pending(change))
                }
            } else {
                resources[key] = Resource(sync: .outOfSync, checkedAt: now, message: "\(change.action.rawValue) planned, not applied",
                                          status: change.status, health: change.health, pending: Self.pending(change))
            }
            if change.address.kind == .webhook, let details = change.details {
                webhooks[change.address.name] = WebhookHealth(
                    pendingUpdates: details["pending_update_count"]?.intValue ?? 0,
                    lastErrorAt: details["last_error_date"]?.intValue.map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    lastError: details["last_error_message"]?.stringValue, checkedAt: now)
            } else if change.address.kind == .webhook, change.action == .delete, report != nil {
                webhooks[change.address.name] = nil
            }
        }
        for unknown in plan.unknown {
            resources[unknown.address] = Resource(sync: .unknown, checkedAt: now, message: unknown.message, status: nil,
                                                  location: unknown.location)
        }
        let converged = !plan.isPartial && (report?.succeeded ?? !plan.hasChanges)
        if converged { appliedRevision = plan.revision }
    }

    static func pending(_ change: Change) -> PendingDisplay {
        PendingDisplay(action: change.action, lines: change.fields.flatMap(\.displayLines))
    }

    /// A revision that does not load: the newest read, nothing else known changes.
    mutating func noteUnloadable(revision: String?) {
        targetRevision = revision
    }
}

import Foundation
import Spec

/// Everything a run would do: a value that can be rendered, saved, compared and applied later.
public struct Plan: Sendable, Hashable, Codable {
    /// Bumped when the JSON shape changes incompatibly (see docs/plan-format.md).
    public static let formatVersion = 2

    public var formatVersion: Int = Plan.formatVersion
    /// The git commit the desired state was read at, if any.
    public var revision: String?
    /// Digest of the desired state the plan was made from; a saved plan is refused if it changed.
    public var configDigest: String
    /// Every resource considered, sorted by address, no-ops included.
    public var changes: [Change]
    /// Resources that could not be read (or were held back because one they are tied to could not):
    /// nothing is planned for them, nothing is deleted. A plan with any is partial.
    public var unknown: [ResourceError]
    /// Problems that make the plan unsafe to apply (too many deletions, empty desired state, partial).
    public var refusals: [Refusal]
    /// The revision the state last applied in full; nil for a fresh state or one applied from a folder.
    public var appliedRevision: String?
    /// The commits from ``appliedRevision`` to ``revision``, newest first (at most
    /// ``Plan/commitLimit``); nil when that cannot be told (a folder, a rewritten branch).
    public var commits: [CommitSummary]?
    /// For a targeted plan, the applied revision it compares the declarations with: only what was
    /// declared differently there (and what depends on it) was read and planned, so drift
    /// elsewhere is left to the next full plan. Nil for a full plan.
    public var targetedSince: String?

    /// The most commits a plan lists.
    public static let commitLimit = 50

    public init(revision: String? = nil, configDigest: String = "", changes: [Change], unknown: [ResourceError] = [],
                refusals: [Refusal] = []) {
        self.revision = revision
        self.configDigest = configDigest
        self.changes = changes.sorted { $0.address < $1.address }
        self.unknown = unknown.sorted { $0.address < $1.address }
        self.refusals = refusals
    }

    /// Changes that do something.
    public var actionable: [Change] { changes.filter { $0.action != .noOp } }

    public var hasChanges: Bool { !actionable.isEmpty }

    /// Some resources could not be read.
    public var isPartial: Bool { !unknown.isEmpty }

    /// Counts per action.
    public var summary: PlanSummary { PlanSummary(changes) }

    /// The change planned for `address`.
    public func change(for address: ResourceAddress) -> Change? {
        changes.first { $0.address == address }
    }
}

/// How many resources each action touches.
public struct PlanSummary: Sendable, Hashable, Codable {
    public let create: Int
    public let update: Int
    public let replace: Int
    public let delete: Int
    public let noOp: Int

    public init(_ changes: [Change]) {
        func count(_ action: Action) -> Int { changes.count { $0.action == action } }
        create = count(.create)
        update = count(.update)
        replace = count(.replace)
        delete = count(.delete)
        noOp = count(.noOp)
    }

    enum CodingKeys: String, CodingKey {
        case create, update, replace, delete
        case noOp = "no-op"
    }

    /// Counts by action name, no-ops left out, for the history.
    public var byAction: [String: Int] {
        [Action.create.rawValue: create, Action.update.rawValue: update, Action.replace.rawValue: replace,
         Action.delete.rawValue: delete].filter { $0.value > 0 }
    }

    /// Terraform's line: `Plan: 1 to add, 2 to change, 0 to destroy.` (a replace counts as add and destroy).
    public var sentence: String {
        "Plan: \(create + replace) to add, \(update) to change, \(delete + replace) to destroy."
    }
}

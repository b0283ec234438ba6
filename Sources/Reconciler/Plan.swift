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

/// How many resources each action touches. An adoption by replace (``ChangeCause/adoptByReplace``) is
/// counted as `adopt`, apart from the replaces that change something.
public struct PlanSummary: Sendable, Hashable, Codable {
    public let create: Int
    public let update: Int
    public let replace: Int
    public let delete: Int
    public let noOp: Int
    public let adopt: Int

    public init(_ changes: [Change]) {
        func count(_ action: Action) -> Int { changes.count { $0.action == action } }
        adopt = changes.count { $0.action == .replace && $0.cause == .adoptByReplace }
        create = count(.create)
        update = count(.update)
        replace = count(.replace) - adopt
        delete = count(.delete)
        noOp = count(.noOp)
    }

    enum CodingKeys: String, CodingKey {
        case create, update, replace, delete, adopt
        case noOp = "no-op"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        create = try container.decode(Int.self, forKey: .create)
        update = try container.decode(Int.self, forKey: .update)
        replace = try container.decode(Int.self, forKey: .replace)
        delete = try container.decode(Int.self, forKey: .delete)
        noOp = try container.decode(Int.self, forKey: .noOp)
        adopt = try container.decodeIfPresent(Int.self, forKey: .adopt) ?? 0
    }

    /// `adopt` is written only when there is one, so plans without adoptions keep their shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(create, forKey: .create)
        try container.encode(update, forKey: .update)
        try container.encode(replace, forKey: .replace)
        try container.encode(delete, forKey: .delete)
        try container.encode(noOp, forKey: .noOp)
        if adopt > 0 { try container.encode(adopt, forKey: .adopt) }
    }

    /// Counts by action name, no-ops left out, for the history; adoptions as `adopt`.
    public var byAction: [String: Int] {
        [Action.create.rawValue: create, Action.update.rawValue: update, Action.replace.rawValue: replace,
         Action.delete.rawValue: delete, "adopt": adopt].filter { $0.value > 0 }
    }

    /// Terraform's line: `Plan: 1 to add, 2 to change, 0 to destroy.` (a replace counts as add and destroy);
    /// adoptions apart, as Terraform's imports are: `..., 0 to destroy, 2 to adopt.`
    public var sentence: String {
        "Plan: \(create + replace) to add, \(update) to change, \(delete + replace) to destroy"
            + (adopt > 0 ? ", \(adopt) to adopt." : ".")
    }
}

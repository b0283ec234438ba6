import Foundation
import Spec

/// Renders a plan as JSON (docs/plan-format.md): the same document `--out` saves and `--plan` reads.
public struct JSONPlanRenderer: Sendable {
    /// The kinds a saved plan's addresses are read with.
    public let kinds: KindRegistry

    public init(kinds: KindRegistry = .standard) {
        self.kinds = kinds
    }

    struct Document: Codable {
        let formatVersion: Int
        let revision: String?
        let configDigest: String
        let changes: [Change]
        let unknown: [ResourceError]
        let summary: PlanSummary
        let refusals: [Refusal]
        let appliedRevision: String?
        let commits: [CommitSummary]?
        let targetedSince: String?
    }

    public func render(_ plan: Plan) throws -> String {
        let document = Document(formatVersion: plan.formatVersion, revision: plan.revision, configDigest: plan.configDigest,
                                changes: plan.changes, unknown: plan.unknown, summary: plan.summary, refusals: plan.refusals,
                                appliedRevision: plan.appliedRevision, commits: plan.commits, targetedSince: plan.targetedSince)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// Reads a saved plan back.
    public func parse(_ data: Data) throws -> Plan {
        let decoder = JSONDecoder()
        decoder.userInfo[KindRegistry.userInfoKey] = kinds
        let document = try decoder.decode(Document.self, from: data)
        guard document.formatVersion == Plan.formatVersion else {
            throw PlanFormatError(message: "the plan has formatVersion \(document.formatVersion); this botops reads \(Plan.formatVersion)")
        }
        var plan = Plan(revision: document.revision, configDigest: document.configDigest, changes: document.changes,
                        unknown: document.unknown, refusals: document.refusals)
        plan.appliedRevision = document.appliedRevision
        plan.commits = document.commits
        plan.targetedSince = document.targetedSince
        return plan
    }
}

/// A saved plan cannot be read.
public struct PlanFormatError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

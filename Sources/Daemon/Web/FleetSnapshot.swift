import Foundation
import Reconciler
import Spec

/// What one request of the fleet page shows, read from the loop at once: the fleet as the passes left it, the
/// configuration they read, the passes, the replicas and the revisions' commits.
struct FleetSnapshot: Sendable {
    let fleet: FleetStatus
    let declared: DesiredState?
    let passes: [ReconcileLoop.PassReport]
    let role: ReconcileLoop.Role?
    let leader: RunInfo?
    /// The store's roll of replicas; nil where there is none (a single daemon) or it cannot be read now.
    var replicas: [ReplicaRecord]? = nil
    /// This daemon, to mark it on the roll.
    var replica: RunInfo? = nil
    let commits: [String: CommitSummary]
    let passCount: Int
    /// Each declared resource's bot, worked out once: a page of a 1,000-bot fleet asks for it thousands of times.
    let bots: BotIndex

    init(fleet: FleetStatus, declared: DesiredState?, passes: [ReconcileLoop.PassReport], role: ReconcileLoop.Role?,
         leader: RunInfo?, commits: [String: CommitSummary], passCount: Int) {
        self.fleet = fleet
        self.declared = declared
        self.passes = passes
        self.role = role
        self.leader = leader
        self.commits = commits
        self.passCount = passCount
        bots = BotIndex(declared)
    }

    static func read(_ loop: ReconcileLoop) async -> FleetSnapshot {
        var snapshot = FleetSnapshot(fleet: await loop.fleet, declared: await loop.notificationState, passes: await loop.recentPasses,
                                     role: await loop.role, leader: await loop.leader, commits: await loop.commits,
                                     passCount: await loop.passes)
        snapshot.replicas = await loop.replicaRoll()
        snapshot.replica = loop.replica
        return snapshot
    }

    /// One row of the resource list: known to a pass, declared, or both.
    struct Row {
        let address: ResourceAddress
        let bot: String?
        let state: String
        let status: String?
        let resource: FleetStatus.Resource?
    }

    /// Every resource a pass saw or the configuration declares, by address.
    var rows: [Row] {
        var addresses = Set(fleet.resources.keys)
        if let declared { addresses.formUnion(declared.resources.keys) }
        return addresses.sorted().map(row)
    }

    func row(_ address: ResourceAddress) -> Row {
        let resource = fleet.resources[address]
        return Row(address: address, bot: bot(of: address), state: Self.state(of: resource),
                   status: resource?.message ?? resource?.status ?? (resource == nil ? "not read by a pass yet" : nil), resource: resource)
    }

    /// `synced`, `failed`..., and `degraded` for a synced resource whose health says so; `unknown` before a pass read it.
    static func state(of resource: FleetStatus.Resource?) -> String {
        guard let resource else { return SyncState.unknown.rawValue }
        if resource.sync == .synced, resource.health == .degraded { return LiveStatus.Health.degraded.rawValue }
        return resource.sync.rawValue
    }

    /// The bot a resource belongs to: a Bot is its own; another names one (`bot:`) or depends on one.
    func bot(of address: ResourceAddress) -> String? { bots.bot(of: address) }
}

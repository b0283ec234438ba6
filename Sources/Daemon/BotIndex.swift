import Reconciler
import Spec

/// Which bot each declared resource belongs to, worked out once per configuration: the page of a 1,000-bot
/// fleet and every event of a pass ask for it many times.
struct BotIndex: Sendable {
    private let bots: [ResourceAddress: String]

    init(_ declared: DesiredState?) {
        var bots: [ResourceAddress: String] = [:]
        for kind in declared?.kinds ?? [] {
            for resource in declared?.resources(of: kind) ?? [] {
                let address = ResourceAddress(kind, resource.metadata.name)
                bots[address] = kind == .bot ? resource.metadata.name
                    : resource.references.first { $0.address.kind == .bot }?.address.name
                        ?? resource.metadata.dependsOn.first { $0.kind == .bot }?.name
            }
        }
        self.bots = bots
    }

    /// The bot a resource belongs to: a Bot is its own; another names one (`bot:`) or depends on one.
    func bot(of address: ResourceAddress) -> String? {
        address.kind == .bot ? address.name : bots[address]
    }
}

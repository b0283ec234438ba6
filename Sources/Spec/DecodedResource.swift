/// One document after decoding, before cross-document checks.
enum DecodedResource: Sendable {
    case project(Project)
    case bot(Bot)
    case webhook(Webhook)
    case container(Container)
    case schedule(Schedule)
    case booster(Booster)

    var kind: ResourceKind {
        switch self {
        case .project: return .project
        case .bot: return .bot
        case .webhook: return .webhook
        case .container: return .container
        case .schedule: return .schedule
        case .booster: return .booster
        }
    }

    var metadata: ResourceMetadata {
        switch self {
        case let .project(value): return value.metadata
        case let .bot(value): return value.metadata
        case let .webhook(value): return value.metadata
        case let .container(value): return value.metadata
        case let .schedule(value): return value.metadata
        case let .booster(value): return value.metadata
        }
    }
}

import Spec

/// The resources a plan could not read, as every renderer lists them: each one on its own, except
/// that the resources one unreachable endpoint held back are one item with their count, in the
/// order the plan first names them.
public struct UnknownListing: Sendable {
    public enum Item: Sendable {
        /// One resource and why it is unknown.
        case resource(ResourceError)
        /// The resources `endpoint` held back; `first` is the first of them, for its message and place.
        case endpoint(EndpointFailure, first: ResourceError, addresses: [ResourceAddress])
    }

    public let items: [Item]

    public init(_ unknown: [ResourceError]) {
        // By the endpoint's name: one that failed once and was then marked down is one endpoint.
        var grouped: [String: [ResourceAddress]] = [:]
        for error in unknown {
            if let endpoint = error.endpoint { grouped[endpoint.endpoint, default: []].append(error.address) }
        }
        var items: [Item] = []
        var named: Set<String> = []
        for error in unknown {
            guard let endpoint = error.endpoint else {
                items.append(.resource(error))
                continue
            }
            if named.insert(endpoint.endpoint).inserted {
                items.append(.endpoint(endpoint, first: error, addresses: grouped[endpoint.endpoint] ?? []))
            }
        }
        self.items = items
    }
}

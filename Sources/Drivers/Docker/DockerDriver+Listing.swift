import Foundation
import Reconciler
import Spec

extension DockerDriver {
    /// A container found with botops' labels.
    struct Candidate: Sendable, Hashable {
        let engine: String
        let id: String
        let name: String
        let state: String
        let image: String
        let specHash: String?
        let project: String?
        /// Health as the list's status text says it (Docker: `Up 3 minutes (healthy)`); podman's says nothing.
        var health: LiveStatus.Health? = nil

        /// What the inventory records for it.
        var attributes: [String: JSONValue] {
            ["engine": .string(engine), "container": .string(name), "id": .string(id)]
        }

        /// What the list alone says, for a container about to be deleted (no inspect needed).
        var summary: JSONValue {
            .object(["name": .string(name), "engine": .string(engine), "image": .string(image), "state": .string(state),
                     "managed_by": project.map(JSONValue.string) ?? .null])
        }

        func handle(extras: [Candidate], stopTimeout: Int? = nil) -> Handle {
            var fields: [String: JSONValue] = ["engine": .string(engine), "id": .string(id), "name": .string(name)]
            if !extras.isEmpty {
                fields["extras"] = .array(extras.map { .object(["engine": .string($0.engine), "id": .string($0.id)]) })
            }
            if let stopTimeout { fields["stop_timeout"] = .int(stopTimeout) }
            return Handle(.object(fields))
        }
    }

    struct EngineListing: Sendable {
        var byResource: [ResourceAddress: [Candidate]] = [:]
    }

    /// An engine that could not be read: every container on it is unknown.
    struct EngineFailure: Error, Sendable {
        let code: ResourceError.Code
        let message: String
        let location: SourceLocation?
        /// Set when the engine did not answer.
        var endpoint: EndpointFailure?

        func error(for address: ResourceAddress, declaredAt: SourceLocation?) -> ResourceError {
            ResourceError(address: address, code: code, message: message, location: location ?? declaredAt, endpoint: endpoint)
        }
    }

    func failure(engine name: String, _ error: DockerAPIError, context: DriverContext) -> EngineFailure {
        let engine = context.project.dockerEngines[name]
        let endpoint = engine.flatMap { DockerEndpoint(host: $0.host, tls: $0.tls) }.map { " at \($0)" } ?? ""
        if error.status == 0 {
            let failure = EndpointFailure(endpoint: "the Docker engine '\(name)'\(endpoint)", reason: error.unreachable ? .markedDown : .noAnswer,
                                          detail: error.reason ?? error.message)
            return EngineFailure(code: .unreachable, message: failure.message, location: engine?.location, endpoint: failure)
        }
        return EngineFailure(code: .readFailed, message: "the Docker engine '\(name)'\(endpoint) answered: \(error.description)",
                             location: engine?.location)
    }

    /// The health in a list entry's status text (`Up 3 minutes (healthy)`), which the engine writes for
    /// a container with a health check; nil for one without.
    static func health(inStatus status: String?) -> LiveStatus.Health? {
        guard let status else { return nil }
        if status.contains("(healthy)") { return .healthy }
        if status.contains("(unhealthy)") { return .unhealthy }
        if status.contains("(health: starting)") { return .starting }
        return nil
    }
}

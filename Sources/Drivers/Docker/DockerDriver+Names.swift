import Foundation
import Reconciler
import Spec

extension DockerDriver {
    /// Declared containers botops found none of: the name is free, or held by a container botops does not
    /// own (refused, unless the run adopts it).
    func checkNames(_ addresses: [ResourceAddress], engine name: String, desired: [ResourceAddress: DesiredResource],
                            context: DriverContext) async -> Observations {
        guard let (_, client) = engine(named: name, in: context) else {
            return Observations(found: Dictionary(uniqueKeysWithValues: addresses.map { ($0, .absent) }))
        }
        let answer: JSONValue
        do throws(DockerAPIError) {
            answer = try await client.json(.GET, "/containers/json", query: [("all", "1")])
        } catch {
            let failure = failure(engine: name, error, context: context)
            return Observations(failures: addresses.map { failure.error(for: $0, declaredAt: desired[$0]?.location) })
        }
        var byName: [String: JSONValue] = [:]
        for item in answer.arrayValue ?? [] {
            for entry in item["Names"]?.arrayValue ?? [] {
                guard var text = entry.stringValue else { continue }
                if text.hasPrefix("/") { text.removeFirst() }
                byName[text] = item
            }
        }
        var observations = Observations()
        for address in addresses {
            guard let item = byName[address.name], let id = item["Id"]?.stringValue, let resource = desired[address] else {
                observations.found[address] = .absent
                continue
            }
            if context.adopt.contains(address) {
                switch await inspect(id, engine: name, desired: resource, context: context) {
                case let .success((value, _)):
                    let state = ContainerInspection.runState(item["State"]?.stringValue)
                    let candidate = Candidate(engine: name, id: id, name: address.name, state: state,
                                              image: item["Image"]?.stringValue ?? "", specHash: nil, project: nil)
                    observations.found[address] = .present(value, handle: candidate.handle(extras: [],
                                                                                           stopTimeout: value["stop_timeout"]?.intValue))
                case let .failure(error):
                    observations.failures.append(error)
                }
                continue
            }
            let owner = item["Labels"]?[ContainerValues.projectLabel]?.stringValue
            let whose = owner.map { "belongs to the botops project '\($0)'" } ?? "was not made by botops (it has no \(ContainerValues.projectLabel) label)"
            observations.failures.append(ResourceError(address: address, code: .conflict,
                message: "a container named '\(address.name)' already exists on the Docker engine '\(name)' and \(whose); botops "
                    + "leaves it alone. Rename this Container, remove that one, or take it over with --adopt \(address)",
                location: resource.location))
        }
        return observations
    }
}

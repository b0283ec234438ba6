import Foundation
import Reconciler
import Spec

/// Containers on a swarm engine (`mode: swarm`) are services of the same name: read with one labelled list
/// per engine (with their task counts), changed through the update endpoint with the version the plan read,
/// so a change someone made meanwhile is reported and never overwritten.
extension DockerDriver {
    func isSwarm(_ engine: String?, in context: DriverContext) -> Bool {
        engine.flatMap { context.project.dockerEngines[$0]?.mode } == .swarm
    }

    /// Whether `address` is (to be) a service: declared on a swarm, or recorded as one. Both carry the
    /// `service` attribute (see ``desired(in:)``), which the inventory keeps.
    func isService(_ address: ResourceAddress, desired: DesiredResource?, context: DriverContext) -> Bool {
        (desired?.attributes ?? context.inventory.resources[address]?.attributes)?["service"]?.boolValue == true
    }

    /// The services among `addresses`, by engine, read. A Container moved between a standalone engine and a
    /// swarm is refused: its old form would be forgotten while it runs.
    func observeServices(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                         context: DriverContext) async -> Observations {
        var observations = Observations()
        var byEngine: [String: [ResourceAddress]] = [:]
        for address in addresses {
            let owned = context.inventory.resources[address]
            if desired[address] != nil, let owned, owned.attributes["service"]?.boolValue != true {
                observations.failures.append(ResourceError(address: address, code: .conflict,
                    message: "\(address) runs as a container on the engine '\(owned.attributes["engine"]?.stringValue ?? "default")' "
                        + "and is now declared on a swarm: botops does not move it between the two yet. Remove it from git and "
                        + "apply (it is removed), then declare it on the swarm", location: desired[address]?.location))
                continue
            }
            let engine = desired[address]?.value["engine"]?.stringValue ?? owned?.attributes["engine"]?.stringValue ?? "default"
            byEngine[engine, default: []].append(address)
        }
        let parts = await concurrentMap(byEngine.sorted { $0.key < $1.key }, limit: concurrency) { engine, addresses in
            await self.observeServices(addresses, engine: engine, desired: desired, context: context)
        }
        for part in parts {
            observations.found.merge(part.found) { first, _ in first }
            observations.statuses.merge(part.statuses) { first, _ in first }
            observations.failures += part.failures
            observations.orphans += part.orphans
        }
        return observations
    }

    private func observeServices(_ addresses: [ResourceAddress], engine name: String, desired: [ResourceAddress: DesiredResource],
                                 context: DriverContext) async -> Observations {
        guard let (_, client) = engine(named: name, in: context) else {
            let failure = EngineFailure(code: .notConfigured, message: "the Docker engine '\(name)' is not declared in the Project "
                + "(spec.docker.engines)", location: context.project.metadata.location)
            return Observations(failures: addresses.map { failure.error(for: $0, declaredAt: desired[$0]?.location) })
        }
        let services: [JSONValue], networks: [String: String]
        do throws(DockerAPIError) {
            services = try await Self.projectServices(client, project: context.project.metadata.name, withTaskCounts: true)
            networks = try await Self.networkNames(client, of: services)
        } catch {
            let failure = failure(engine: name, error, context: context)
            return Observations(failures: addresses.map { failure.error(for: $0, declaredAt: desired[$0]?.location) })
        }
        var observations = Observations()
        // An image built from git exists on the manager only: a swarm of more nodes would run tasks without it.
        let building = addresses.filter { desired[$0]?.input(as: ContainerInput.self)?.container.build != nil }
        var refused: Set<ResourceAddress> = []
        if !building.isEmpty {
            let nodes: Int
            do throws(DockerAPIError) {
                nodes = try await client.json(.GET, "/nodes").arrayValue?.count ?? 0
            } catch {
                let failure = failure(engine: name, error, context: context)
                return Observations(failures: addresses.map { failure.error(for: $0, declaredAt: desired[$0]?.location) })
            }
            if nodes > 1 {
                refused = Set(building)
                for address in building {
                    let container = desired[address]?.input(as: ContainerInput.self)?.container
                    observations.failures.append(ResourceError(address: address, code: .conflict,
                        message: "\(address) builds its image from git, which botops does on the swarm manager only, and the swarm "
                            + "'\(name)' has \(nodes) nodes: tasks elsewhere would find no image. Build and push it to a registry "
                            + "every node reaches, and declare 'image' instead", location: container?.imageLocation ?? desired[address]?.location))
                }
            }
        }
        let inspection = ServiceInspection(engine: name, networks: networks)
        var byResource: [ResourceAddress: JSONValue] = [:]
        for service in services {
            guard let resource = service["Spec"]?["Labels"]?[ContainerValues.resourceLabel]?.stringValue.flatMap({ ResourceAddress(parsing: $0) }),
                  resource.kind == .container else { continue }
            byResource[resource] = service
        }
        var missing: [ResourceAddress] = []
        for address in addresses where !refused.contains(address) {
            guard let service = byResource[address], let id = service["ID"]?.stringValue else {
                if desired[address] != nil { missing.append(address) } else { observations.found[address] = .absent }
                continue
            }
            observations.found[address] = .present(inspection.value(of: service),
                                                    handle: Self.serviceHandle(engine: name, id: id, service: service))
            observations.statuses[address] = ServiceInspection.status(of: service)
        }
        // A service short of tasks says why, from its newest task errors: one read for each such service only.
        let short = addresses.compactMap { address -> (ResourceAddress, String)? in
            guard let service = byResource[address], let id = service["ID"]?.stringValue,
                  observations.statuses[address]?.health == .starting else { return nil }
            return (address, id)
        }
        for (address, reason) in await concurrentMap(short, limit: concurrency, { address, id in
            (address, await self.taskErrors(id, client: client))
        }) where !reason.isEmpty {
            if let status = observations.statuses[address] { observations.statuses[address] = LiveStatus(status.text + reason, health: .starting) }
        }
        for (address, service) in byResource.sorted(by: { $0.key < $1.key })
        where !addresses.contains(address) && context.inventory.resources[address] == nil {
            guard let id = service["ID"]?.stringValue else { continue }
            observations.orphans.append(Orphan(address: address, value: inspection.value(of: service),
                                               handle: Self.serviceHandle(engine: name, id: id, service: service),
                                               attributes: ["engine": .string(name), "container": .string(address.name), "service": .bool(true)]))
        }
        if !missing.isEmpty {
            let named = await serviceNames(missing, engine: name, client: client, desired: desired, context: context)
            observations.found.merge(named.found) { first, _ in first }
            observations.failures += named.failures
        }
        return observations
    }

    static func serviceHandle(engine: String, id: String, service: JSONValue) -> Handle {
        Handle(.object(["engine": .string(engine), "id": .string(id), "name": .string(service["Spec"]?["Name"]?.stringValue ?? ""),
                        "service": .bool(true), "version": .int(service["Version"]?["Index"]?.intValue ?? 0),
                        "force_update": .int(service["Spec"]?["TaskTemplate"]?["ForceUpdate"]?.intValue ?? 0),
                        "rollout_started": .string(service["UpdateStatus"]?["StartedAt"]?.stringValue ?? "")]))
    }

    /// The services botops made for `project` on one engine; with their running and desired task counts when asked.
    static func projectServices(_ client: DockerClient, project: String, withTaskCounts: Bool) async throws(DockerAPIError) -> [JSONValue] {
        let filters = JSONValue.object(["label": .array([.string("\(ContainerValues.projectLabel)=\(project)")])])
        let query = (withTaskCounts ? [("status", "true")] : []) + [("filters", filters.description)]
        return try await client.json(.GET, "/services", query: query).arrayValue ?? []
    }

    /// The names of the networks `services` name by id (as Swarm answers): one list, and one look for each id
    /// it lacks (the swarm-scoped `host` network has an id of its own that the list does not show).
    static func networkNames(_ client: DockerClient, of services: [JSONValue]) async throws(DockerAPIError) -> [String: String] {
        let wanted = Set(services.flatMap { service in
            (service["Spec"]?["TaskTemplate"]?["Networks"]?.arrayValue ?? []).compactMap { $0["Target"]?.stringValue }
        })
        guard !wanted.isEmpty else { return [:] }
        var names: [String: String] = [:]
        for network in try await client.json(.GET, "/networks").arrayValue ?? [] {
            if let id = network["Id"]?.stringValue, let name = network["Name"]?.stringValue { names[id] = name }
        }
        for id in wanted.subtracting(names.keys).sorted() {
            if let name = try await client.json(.GET, "/networks/\(id)")["Name"]?.stringValue { names[id] = name }
        }
        return names
    }

    /// Declared services botops found none of: the name is free, or held by a service botops does not own.
    private func serviceNames(_ addresses: [ResourceAddress], engine name: String, client: DockerClient,
                              desired: [ResourceAddress: DesiredResource], context: DriverContext) async -> Observations {
        let all: [JSONValue]
        do throws(DockerAPIError) {
            all = try await client.json(.GET, "/services").arrayValue ?? []
        } catch {
            let failure = failure(engine: name, error, context: context)
            return Observations(failures: addresses.map { failure.error(for: $0, declaredAt: desired[$0]?.location) })
        }
        let taken = Dictionary(all.compactMap { service in service["Spec"]?["Name"]?.stringValue.map { ($0, service) } },
                               uniquingKeysWith: { first, _ in first })
        var observations = Observations()
        for address in addresses {
            guard let service = taken[address.name] else {
                observations.found[address] = .absent
                continue
            }
            let owner = service["Spec"]?["Labels"]?[ContainerValues.projectLabel]?.stringValue
            let whose = owner.map { "belongs to the botops project '\($0)'" } ?? "was not made by botops (it has no \(ContainerValues.projectLabel) label)"
            observations.failures.append(ResourceError(address: address, code: .conflict,
                message: "a service named '\(address.name)' already exists on the swarm engine '\(name)' and \(whose); botops "
                    + "leaves it alone. Rename this Container, or remove that service", location: desired[address]?.location))
        }
        return observations
    }
}

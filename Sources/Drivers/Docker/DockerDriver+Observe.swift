import Foundation
import Reconciler
import Spec

extension DockerDriver {
    /// One labelled list per engine that holds a declared or owned container; an inspect only for a
    /// container the list cannot vouch for; one unfiltered list per engine only when a declared
    /// container is missing, to tell a free name from one held by a container botops does not own.
    public func observe(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                        context: DriverContext) async -> Observations {
        let (services, containers) = addresses.reduce(into: ([ResourceAddress](), [ResourceAddress]())) { split, address in
            if isService(address, desired: desired[address], context: context) { split.0.append(address) } else { split.1.append(address) }
        }
        if !services.isEmpty {
            async let swarm = observeServices(services, desired: desired, context: context)
            var observations = await observeContainers(containers, desired: desired, context: context)
            let read = await swarm
            observations.found.merge(read.found) { first, _ in first }
            observations.statuses.merge(read.statuses) { first, _ in first }
            observations.failures += read.failures
            observations.orphans += read.orphans
            return observations
        }
        return await observeContainers(containers, desired: desired, context: context)
    }

    /// Containers on standalone engines (Docker Engine, podman).
    private func observeContainers(_ addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                                   context: DriverContext) async -> Observations {
        let project = context.project.metadata.name
        let involved = engines(of: addresses, desired: desired, context: context)
        let engineNames = Set(involved.values.joined())
        let listings = await concurrentMap(engineNames.sorted(), limit: concurrency) { name in
            (name, await self.list(engine: name, project: project, context: context))
        }
        let byEngine = Dictionary(listings, uniquingKeysWith: { first, _ in first })
        let (listed, work, missing) = sorted(addresses, involved: involved, listings: byEngine, desired: desired, context: context)
        var observations = listed
        let inspected = await concurrentMap(work, limit: concurrency) { address, primary, extras in
            (address, await self.observation(of: primary, extras: extras, address: address, desired: desired[address],
                                             owned: context.inventory.resources[address], context: context))
        }
        for (address, result) in inspected {
            switch result {
            case let .success((observation, health)):
                observations.found[address] = observation
                if let health { observations.statuses[address] = LiveStatus(health: health) }
            case let .failure(error): observations.failures.append(error)
            }
        }
        let named = await concurrentMap(missing.sorted { $0.key < $1.key }, limit: concurrency) { engine, addresses in
            await self.checkNames(addresses, engine: engine, desired: desired, context: context)
        }
        for part in named {
            observations.found.merge(part.found) { first, _ in first }
            observations.failures += part.failures
        }
        observations.orphans += unasked(byEngine, asked: Set(addresses), context: context)
        if let window = context.activity {
            await noteExits(in: window, listings: byEngine, asked: addresses, project: project, context: context, into: &observations)
        }
        return observations
    }

    /// The engines each address may be on: where it is declared and where the inventory says it was made.
    private func engines(of addresses: [ResourceAddress], desired: [ResourceAddress: DesiredResource],
                         context: DriverContext) -> [ResourceAddress: [String]] {
        var involved: [ResourceAddress: [String]] = [:]
        for address in addresses {
            var names: [String] = []
            if let engine = desired[address]?.value["engine"]?.stringValue { names.append(engine) }
            if let engine = context.inventory.resources[address]?.attributes["engine"]?.stringValue, !names.contains(engine) {
                names.append(engine)
            }
            involved[address] = names.isEmpty ? ["default"] : names
        }
        return involved
    }

    /// What the lists tell of each address: unknown (its engine failed), absent, missing (declared and not
    /// listed: its name is checked), or a container to look at (with leftovers beside it), and the
    /// containers botops made but never recorded.
    private func sorted(_ addresses: [ResourceAddress], involved: [ResourceAddress: [String]],
                        listings: [String: Result<EngineListing, EngineFailure>], desired: [ResourceAddress: DesiredResource],
                        context: DriverContext)
        -> (Observations, [(ResourceAddress, Candidate, [Candidate])], [String: [ResourceAddress]]) {
        var observations = Observations()
        var work: [(ResourceAddress, Candidate, [Candidate])] = []
        var missing: [String: [ResourceAddress]] = [:]
        for address in addresses {
            let engines = involved[address] ?? []
            if let failure = engines.lazy.compactMap({ listings[$0]?.failure }).first {
                observations.failures.append(failure.error(for: address, declaredAt: desired[address]?.location))
                continue
            }
            let candidates = engines.flatMap { listings[$0]?.success?.byResource[address] ?? [] }
            let wantedEngine = engines.first ?? "default"
            guard let primary = candidates.first(where: { $0.engine == wantedEngine && $0.name == address.name })
                ?? candidates.first(where: { $0.name == address.name }) ?? candidates.first else {
                if desired[address] != nil {
                    missing[wantedEngine, default: []].append(address)
                } else {
                    observations.found[address] = .absent
                }
                continue
            }
            work.append((address, primary, candidates.filter { $0 != primary }))
            if context.inventory.resources[address] == nil {
                // Made by botops (the labels say so) but never recorded: the inventory takes it over with its id.
                observations.orphans.append(Orphan(address: address, value: primary.summary, handle: primary.handle(extras: []),
                                                   attributes: primary.attributes))
            }
        }
        return (observations, work, missing)
    }

    /// Containers with this project's labels that nobody asked about and the inventory lacks.
    private func unasked(_ listings: [String: Result<EngineListing, EngineFailure>], asked: Set<ResourceAddress>,
                         context: DriverContext) -> [Orphan] {
        var orphans: [Orphan] = []
        for name in listings.keys.sorted() {
            guard case let .success(listing) = listings[name] else { continue }
            for (address, candidates) in listing.byResource.sorted(by: { $0.key < $1.key })
            where !asked.contains(address) && context.inventory.resources[address] == nil {
                guard let primary = candidates.first(where: { $0.name == address.name }) ?? candidates.first else { continue }
                orphans.append(Orphan(address: address, value: primary.summary, handle: primary.handle(extras: candidates.filter { $0 != primary }),
                                      attributes: primary.attributes))
            }
        }
        return orphans
    }

    func list(engine name: String, project: String, context: DriverContext) async -> Result<EngineListing, EngineFailure> {
        guard let (_, client) = engine(named: name, in: context) else {
            return .failure(EngineFailure(code: .notConfigured,
                message: "the Docker engine '\(name)' is not declared in the Project (spec.docker.engines); declare it so botops "
                    + "can reach the containers it keeps there", location: context.project.metadata.location))
        }
        let filters = JSONValue.object(["label": .array([.string("\(ContainerValues.projectLabel)=\(project)")])])
        let answer: JSONValue
        do throws(DockerAPIError) {
            answer = try await client.json(.GET, "/containers/json", query: [("all", "1"), ("filters", filters.description)])
        } catch {
            return .failure(failure(engine: name, error, context: context))
        }
        guard let items = answer.arrayValue else {
            // Never taken for "no containers": that would plan every owned one as gone.
            return .failure(EngineFailure(code: .readFailed,
                message: "the Docker engine '\(name)' answered the container list with something that is not a list",
                location: context.project.dockerEngines[name]?.location))
        }
        var listing = EngineListing()
        for item in items {
            let labels = item["Labels"]?.objectValue ?? [:]
            guard let resource = labels[ContainerValues.resourceLabel]?.stringValue.flatMap({ ResourceAddress(parsing: $0) }),
                  resource.kind == .container, let id = item["Id"]?.stringValue else { continue }
            var containerName = item["Names"]?.arrayValue?.first?.stringValue ?? ""
            if containerName.hasPrefix("/") { containerName.removeFirst() }
            listing.byResource[resource, default: []].append(Candidate(
                engine: name, id: id, name: containerName, state: ContainerInspection.runState(item["State"]?.stringValue),
                image: item["Image"]?.stringValue ?? "", specHash: labels[ContainerValues.specHashLabel]?.stringValue,
                project: labels[ContainerValues.projectLabel]?.stringValue, health: Self.health(inStatus: item["Status"]?.stringValue)))
        }
        return .success(listing)
    }

    /// The observation of a labelled container. The list vouches for it when it is the very container
    /// botops made (the id it recorded) from the spec now declared (the hash label), since a container's
    /// configuration cannot change after it is made; only its run state can, and the list shows that.
    private func observation(of primary: Candidate, extras: [Candidate], address: ResourceAddress, desired: DesiredResource?,
                             owned: InventoryEntry?, context: DriverContext) async -> Result<(Observation, LiveStatus.Health?), ResourceError> {
        guard let desired else { return .success((.present(primary.summary, handle: primary.handle(extras: extras)), nil)) }
        var value: JSONValue
        var stopTimeout = desired.value["stop_timeout"]?.intValue
        var health = primary.health
        let checked = desired.value["healthcheck"] != nil && primary.state == "running"
        if owned?.attributes["id"]?.stringValue == primary.id, primary.specHash == ContainerValues.specHash(desired.value),
           primary.name == address.name {
            guard var fields = desired.value.objectValue else { return .success((.absent, nil)) }
            fields["state"] = .string(primary.state)
            value = .object(fields)
            if checked, health == nil, let client = engine(named: primary.engine, in: context)?.1 {
                // podman's list does not show health: only a container with a health check costs an inspect.
                // Health is shown, never acted on, so a failed read only leaves it unknown.
                health = (try? await client.json(.GET, "/containers/\(primary.id)/json"))?["State"]?["Health"]?["Status"]?.stringValue
                    .flatMap(LiveStatus.Health.init(rawValue:))
            }
        } else {
            switch await inspect(primary.id, engine: primary.engine, desired: desired, context: context) {
            case let .success((inspected, inspectedHealth)):
                value = inspected
                stopTimeout = inspected["stop_timeout"]?.intValue
                health = health ?? inspectedHealth
            case let .failure(error):
                return .failure(error)
            }
        }
        if !checked { health = nil }
        if !extras.isEmpty, var fields = value.objectValue {
            // Left by an interrupted replace: a change removes them, so the plan must show one.
            fields["leftovers"] = .int(extras.count)
            value = .object(fields)
        }
        return .success((.present(value, handle: primary.handle(extras: extras, stopTimeout: stopTimeout)), health))
    }

    /// Reads one container (and its image's defaults) into the canonical value.
    func inspect(_ id: String, engine name: String, desired: DesiredResource,
                 context: DriverContext) async -> Result<(JSONValue, LiveStatus.Health?), ResourceError> {
        guard let (_, client) = engine(named: name, in: context) else {
            return .failure(ResourceError(address: desired.address, code: .notConfigured,
                                          message: "the Docker engine '\(name)' is not declared", location: desired.location))
        }
        do throws(DockerAPIError) {
            let container = try await client.json(.GET, "/containers/\(id)/json")
            var imageConfig: JSONValue?
            if let image = container["Image"]?.stringValue {
                // An image removed since leaves the container running; its defaults are then unknown.
                imageConfig = (try? await client.json(.GET, "/images/\(DockerClient.escape(image))/json"))?["Config"]
            }
            let inspection = ContainerInspection(engine: name, imageConfig: imageConfig,
                                                 fingerprint: { context.fingerprinter.fingerprint($0) })
            let health = container["State"]?["Health"]?["Status"]?.stringValue.flatMap(LiveStatus.Health.init(rawValue:))
            return .success((inspection.value(of: container, desired: desired.value), health))
        } catch {
            let failure = failure(engine: name, error, context: context)
            return .failure(failure.error(for: desired.address, declaredAt: desired.location))
        }
    }

}

extension Result {
    var success: Success? { if case let .success(value) = self { return value } else { return nil } }
    var failure: Failure? { if case let .failure(error) = self { return error } else { return nil } }
}

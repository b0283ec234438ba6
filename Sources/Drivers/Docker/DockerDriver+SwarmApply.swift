import Foundation
import Reconciler
import Spec

extension DockerDriver {
    /// Creates, updates (in place: Swarm rolls the tasks), replaces or removes a service, then waits for Swarm
    /// to settle: the tasks running, or the update rolled back or paused, which fails the change with the tasks'
    /// errors.
    func applyService(_ pending: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        let change = pending.change, address = change.address
        var writes = 0
        if change.action == .delete {
            guard let handle = change.handle, let engine = handle["engine"]?.stringValue, let id = handle["id"]?.stringValue else {
                return ApplyOutcome(entry: nil, writes: 0)
            }
            try await removeService(id, engine: engine, address: address, context: context)
            let client = try serviceClient(engine, address: address, location: nil, context: context)
            return ApplyOutcome(entry: nil, writes: 1 + (await removeSecrets(of: address, keeping: [], client: client, context: context,
                                                                           waitForTasks: true)))
        }
        guard let desired = pending.desired, let container = desired.input(as: ContainerInput.self)?.container else {
            throw ResourceError(address: address, code: .applyFailed, message: "nothing is declared for \(address)")
        }
        let client = try serviceClient(container.engine, address: address, location: desired.location, context: context)
        let image = desired.value["service"]?["image"]?.stringValue ?? container.image
        var labels = container.labels
        labels[ContainerValues.projectLabel] = context.project.metadata.name
        labels[ContainerValues.resourceLabel] = address.description
        if let build = container.build {
            // Built on the manager, where the tasks of a one-node swarm run (more nodes are refused at plan time).
            var operations = try operations(container.engine, address: address, location: desired.location, context: context)
            if try await !operations.imageExists(image) {
                try await ImageBuilder.build(container, build: build, tag: image, operations: &operations)
            }
            writes += operations.writes
        }
        let id: String
        var rolls = false
        switch change.action {
        case .update:
            guard let handle = change.handle, let current = handle["id"]?.stringValue, let version = handle["version"]?.intValue else {
                throw ResourceError(address: address, code: .applyFailed, message: "the plan holds no service to update")
            }
            rolls = change.fields.contains { field in
                !["service.replicas", "service.update", "service.rollback"].contains { FieldChange.path(field.path, isWithin: $0) }
            }
            let force = handle["force_update"]?.intValue ?? 0
            let mounted = try await ensureSecrets(container, desired: desired, client: client, context: context)
            try await updateService(current, version: version,
                                    spec: ServiceValues.spec(container, image: image, labels: labels, secrets: mounted, forceUpdate: force),
                                    client: client, address: address, location: desired.location)
            id = current
        default:
            if change.action == .replace, let handle = change.handle, let engine = handle["engine"]?.stringValue,
               let old = handle["id"]?.stringValue {
                // The same name cannot be on one swarm twice: the old service goes first.
                try await removeService(old, engine: engine, address: address, context: context)
                writes += 1
            }
            let mounted = try await ensureSecrets(container, desired: desired, client: client, context: context)
            id = try await createService(ServiceValues.spec(container, image: image, labels: labels, secrets: mounted), client: client,
                                         address: address, location: desired.location)
        }
        writes += 1
        // Swarm starts rolling a moment after it takes the update, and until then the service reads as before: a
        // rolling change waits for a rollout newer than the one the plan saw (for a moment at most).
        let previousRollout = rolls ? (change.handle?["rollout_started"]?.stringValue ?? "") : nil
        try await waitSettled(id, client: client, timeout: .milliseconds(container.healthTimeoutMilliseconds), address: address,
                              location: desired.location, previousRollout: previousRollout)
        // Settled on the new secrets: the ones it used before go (a rotated value leaves nothing behind).
        let kept = Set((desired.value["service"]?["secrets"]?.objectValue ?? [:]).values.compactMap(\.stringValue))
        writes += await removeSecrets(of: address, keeping: kept, client: client, context: context)
        var attributes = desired.attributes
        attributes["id"] = .string(id)
        return ApplyOutcome(entry: InventoryEntry(address: address, attributes: attributes, dependsOn: desired.dependsOn,
                                                  lane: change.lane, batch: change.batch), writes: writes)
    }

    private func serviceClient(_ engine: String, address: ResourceAddress, location: SourceLocation?,
                               context: DriverContext) throws(ResourceError) -> DockerClient {
        guard let (_, client) = self.engine(named: engine, in: context) else {
            throw ResourceError(address: address, code: .notConfigured,
                                message: "the Docker engine '\(engine)' is not declared in the Project (spec.docker.engines)", location: location)
        }
        return client
    }

    private static func failure(_ doing: String, _ error: DockerAPIError, address: ResourceAddress, location: SourceLocation?) -> ResourceError {
        ResourceError(address: address, code: error.status == 0 ? .unreachable : .applyFailed,
                      message: "\(doing) failed: \(error.description)", location: location)
    }

    private func createService(_ spec: JSONValue, client: DockerClient, address: ResourceAddress,
                               location: SourceLocation?) async throws(ResourceError) -> String {
        do throws(DockerAPIError) {
            let answer = try await client.json(.POST, "/services/create", body: spec)
            guard let id = answer["ID"]?.stringValue else {
                throw DockerAPIError(status: 502, message: "the answer names no service")
            }
            return id
        } catch {
            throw Self.failure("creating the service \(address.name)", error, address: address, location: location)
        }
    }

    /// An update with the version the plan read. Docker Engine 1.41 answers a stale version with a 500 (not a
    /// 409), so a refusal is told apart by reading the version again: moved, someone changed the service since.
    private func updateService(_ id: String, version: Int, spec: JSONValue, client: DockerClient, address: ResourceAddress,
                               location: SourceLocation?) async throws(ResourceError) {
        do throws(DockerAPIError) {
            try await client.json(.POST, "/services/\(id)/update", query: [("version", String(version))], body: spec)
        } catch {
            let now: Int?
            do throws(DockerAPIError) {
                now = try await client.json(.GET, "/services/\(id)")["Version"]?["Index"]?.intValue
            } catch _ {
                now = nil
            }
            if let now, now != version {
                throw ResourceError(address: address, code: .conflict,
                    message: "the service \(address.name) was changed by someone else after this plan read it (version \(version), now "
                        + "\(now)); nothing was overwritten. Plan again to see the change", location: location)
            }
            throw Self.failure("updating the service \(address.name)", error, address: address, location: location)
        }
    }

    private func removeService(_ id: String, engine: String, address: ResourceAddress, context: DriverContext) async throws(ResourceError) {
        let client = try serviceClient(engine, address: address, location: nil, context: context)
        do throws(DockerAPIError) {
            try await client.json(.DELETE, "/services/\(id)")
        } catch where error.status == 404 {
            // Gone already: what the change wanted.
        } catch {
            throw Self.failure("removing the service \(address.name)", error, address: address, location: nil)
        }
    }

    /// Until the update is done and every task runs; an update that rolled back or paused, or tasks that do
    /// not start within `timeout`, fail the change with what the tasks say.
    private func waitSettled(_ id: String, client: DockerClient, timeout: Duration, address: ResourceAddress,
                             location: SourceLocation?, previousRollout: String? = nil) async throws(ResourceError) {
        let clock = ContinuousClock(), deadline = clock.now + timeout
        // How long a rollout may take to start before the change is taken as one Swarm settles without rolling.
        let rolloutStarts = clock.now + .seconds(2)
        let filters = JSONValue.object(["id": .array([.string(id)])])
        var last = "no answer yet"
        while true {
            let service: JSONValue?
            do throws(DockerAPIError) {
                service = (try await client.json(.GET, "/services", query: [("status", "true"), ("filters", filters.description)])
                    .arrayValue ?? []).first { $0["ID"]?.stringValue == id }
            } catch {
                throw Self.failure("reading the service \(address.name)", error, address: address, location: location)
            }
            guard let service else {
                throw ResourceError(address: address, code: .applyFailed, message: "the service \(address.name) is gone: someone "
                    + "removed it while botops waited for it", location: location)
            }
            let state = RolloutState(of: service)
            let status = ServiceInspection.status(of: service)
            if state?.failed == true {
                throw ResourceError(address: address, code: .applyFailed,
                                    message: "the service \(address.name): \(status.text)\(await taskErrors(id, client: client))",
                                    location: location)
            }
            let awaitingRollout = previousRollout.map { previous in
                (service["UpdateStatus"]?["StartedAt"]?.stringValue ?? "") == previous && clock.now < rolloutStarts
            } ?? false
            if !awaitingRollout, state?.inProgress != true, status.health == .healthy { return }
            last = status.text
            guard clock.now < deadline else {
                throw ResourceError(address: address, code: .applyFailed,
                                    message: "the service \(address.name) did not settle within \(timeout) (\(last))"
                                        + (await taskErrors(id, client: client)), location: location)
            }
            do {
                try await Task.sleep(for: awaitingRollout ? min(healthPoll, .milliseconds(100)) : healthPoll)
            } catch {
                throw ResourceError(address: address, code: .applyFailed, message: "cancelled while waiting for the service", location: location)
            }
        }
    }

    /// The newest task errors of a service, for a failure's message: `; task 1: rejected: No such image...`.
    func taskErrors(_ id: String, client: DockerClient) async -> String {
        let filters = JSONValue.object(["service": .array([.string(id)])])
        let tasks: [JSONValue]
        do throws(DockerAPIError) {
            tasks = try await client.json(.GET, "/tasks", query: [("filters", filters.description)]).arrayValue ?? []
        } catch {
            return "; its tasks could not be read: \(error.description)"
        }
        let failed = tasks.filter { !($0["Status"]?["Err"]?.stringValue ?? "").isEmpty }
            .sorted { ($0["UpdatedAt"]?.stringValue ?? "") > ($1["UpdatedAt"]?.stringValue ?? "") }.prefix(3)
        return failed.map { task in
            "; task \(task["Slot"]?.intValue.map(String.init) ?? "?"): \(task["Status"]?["State"]?.stringValue ?? "failed"): "
                + (task["Status"]?["Err"]?.stringValue ?? "")
        }.joined()
    }

    /// The Docker secrets holding the Container's secret env values, made where missing (each named for its
    /// value's fingerprint, see ``ServiceValues/secretName(service:variable:fingerprint:)``), labelled as botops'.
    private func ensureSecrets(_ container: Container, desired: DesiredResource, client: DockerClient,
                               context: DriverContext) async throws(ResourceError) -> [ServiceValues.MountedSecret] {
        let address = desired.address
        let names = desired.value["service"]?["secrets"]?.objectValue ?? [:]
        var mounted: [ServiceValues.MountedSecret] = []
        for (variable, value) in container.environment.sorted(by: { $0.key < $1.key }) {
            guard case let .secret(reference) = value, let name = names[variable]?.stringValue else { continue }
            let resolved = try context.resolve(reference, for: address)
            do throws(DockerAPIError) {
                let filters = JSONValue.object(["name": .array([.string(name)])])
                let found = (try await client.json(.GET, "/secrets", query: [("filters", filters.description)]).arrayValue ?? [])
                    .first { $0["Spec"]?["Name"]?.stringValue == name }
                if let id = found?["ID"]?.stringValue {
                    mounted.append(ServiceValues.MountedSecret(variable: variable, name: name, id: id))
                    continue
                }
                let body = JSONValue.object([
                    "Name": .string(name), "Data": .string(Data(resolved.utf8).base64EncodedString()),
                    "Labels": .object([ContainerValues.projectLabel: .string(context.project.metadata.name),
                                       ContainerValues.resourceLabel: .string(address.description)]),
                ])
                guard let id = try await client.json(.POST, "/secrets/create", body: body)["ID"]?.stringValue else {
                    throw DockerAPIError(status: 502, message: "the answer names no secret")
                }
                mounted.append(ServiceValues.MountedSecret(variable: variable, name: name, id: id))
            } catch {
                // The error is the engine's about the call; the value itself is never in it (sent base64 in the body only).
                throw Self.failure("making the Docker secret \(name) for \(variable)", error, address: address, location: desired.location)
            }
        }
        return mounted
    }

    /// Removes the Docker secrets botops made for `address` that are not in `keeping`; returns how many went. A secret
    /// still in use (tasks shutting down) is waited for a little when `waitForTasks`, else left for the next apply.
    private func removeSecrets(of address: ResourceAddress, keeping: Set<String>, client: DockerClient, context: DriverContext,
                               waitForTasks: Bool = false) async -> Int {
        let filters = JSONValue.object(["label": .array([.string("\(ContainerValues.projectLabel)=\(context.project.metadata.name)"),
                                                        .string("\(ContainerValues.resourceLabel)=\(address)")])])
        let secrets: [JSONValue]
        do throws(DockerAPIError) {
            secrets = try await client.json(.GET, "/secrets", query: [("filters", filters.description)]).arrayValue ?? []
        } catch {
            context.logger.warning("the Docker secrets of a service could not be listed; old ones stay until its next change",
                                   metadata: ["resource": "\(address)", "error": "\(error.message)"])
            return 0
        }
        var removed = 0
        for secret in secrets {
            guard let id = secret["ID"]?.stringValue, let name = secret["Spec"]?["Name"]?.stringValue, !keeping.contains(name) else { continue }
            for attempt in 0..<(waitForTasks ? 20 : 1) {
                do throws(DockerAPIError) {
                    try await client.json(.DELETE, "/secrets/\(id)")
                    removed += 1
                    break
                } catch {
                    if attempt == (waitForTasks ? 19 : 0) {
                        context.logger.warning("a Docker secret botops made could not be removed yet; the next change to this service tries again",
                                               metadata: ["secret": "\(name)", "error": "\(error.message)"])
                    } else {
                        do { try await Task.sleep(for: .milliseconds(500)) } catch { break }
                    }
                }
            }
        }
        return removed
    }
}

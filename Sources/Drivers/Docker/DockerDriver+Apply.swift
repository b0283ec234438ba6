import Foundation
import Reconciler
import Spec

extension DockerDriver {
    public func apply(_ pending: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        let change = pending.change
        let address = change.address
        let handle = change.handle
        if handle?["service"]?.boolValue == true || pending.desired?.attributes["service"]?.boolValue == true {
            return try await applyService(pending, context: context)
        }
        if change.action == .delete {
            guard let handle else { return ApplyOutcome(entry: nil, writes: 0) }
            var writes = 0
            for (engine, id) in Self.containers(in: handle, includingPrimary: true) {
                var operations = try operations(engine, address: address, location: nil, context: context)
                // The grace period it was made with: the declaration is gone, the inventory remembers it.
                let stop = handle["stop_timeout"]?.intValue ?? pending.owned?.attributes["stop_timeout"]?.intValue ?? 10
                try await operations.remove(id, stopTimeout: stop)
                writes += operations.writes
            }
            return ApplyOutcome(entry: nil, writes: writes)
        }
        guard let desired = pending.desired, let container = desired.input(as: ContainerInput.self)?.container else {
            throw ResourceError(address: address, code: .applyFailed, message: "nothing is declared for \(address)")
        }
        var deployment = Deployment(driver: self, container: container, desired: desired, handle: handle, context: context)
        let id: String
        switch change.action {
        case .create: id = try await deployment.create()
        case .update: id = try await deployment.update(change)
        default: id = try await deployment.replace(order: change.order ?? .destroyBeforeCreate)
        }
        var attributes = desired.attributes
        attributes["id"] = .string(id)
        return ApplyOutcome(entry: InventoryEntry(address: address, attributes: attributes, dependsOn: desired.dependsOn,
                                                  lane: change.lane, batch: change.batch),
                            writes: deployment.writes)
    }

    /// The containers a handle names: its own (optionally) and the leftovers found next to it.
    static func containers(in handle: Handle, includingPrimary: Bool) -> [(String, String)] {
        var result: [(String, String)] = []
        for extra in handle["extras"]?.arrayValue ?? [] {
            if let engine = extra["engine"]?.stringValue, let id = extra["id"]?.stringValue { result.append((engine, id)) }
        }
        if includingPrimary, let engine = handle["engine"]?.stringValue, let id = handle["id"]?.stringValue {
            result.append((engine, id))
        }
        return result
    }

    func operations(_ engine: String, address: ResourceAddress, location: SourceLocation?,
                    context: DriverContext) throws(ResourceError) -> EngineOperations {
        guard let (_, client) = self.engine(named: engine, in: context) else {
            throw ResourceError(address: address, code: .notConfigured,
                message: "the Docker engine '\(engine)' is not declared in the Project (spec.docker.engines)", location: location)
        }
        return EngineOperations(client: client, engine: engine, address: address, location: location,
                                projectName: context.project.metadata.name)
    }
}

/// One container's create, in-place update or replace, with the calls it takes counted.
struct Deployment {
    let driver: DockerDriver
    let container: Container
    let desired: DesiredResource
    /// The live container planned against (nil for a create).
    let handle: Handle?
    let context: DriverContext
    private(set) var writes = 0

    init(driver: DockerDriver, container: Container, desired: DesiredResource, handle: Handle?, context: DriverContext) {
        self.driver = driver
        self.container = container
        self.desired = desired
        self.handle = handle
        self.context = context
    }

    var address: ResourceAddress { desired.address }
    var name: String { container.metadata.name }

    private func operations(_ engine: String) throws(ResourceError) -> EngineOperations {
        try driver.operations(engine, address: address, location: desired.location, context: context)
    }

    /// The body that creates this container: resolved environment (secrets in clear for this request
    /// only) and botops' labels.
    /// Also the secret values, resolved once, for cutting them out of anything the container prints.
    private func createBody() throws(ResourceError) -> (body: JSONValue, secrets: [String]) {
        var environment: [String: String] = [:]
        var secrets: [String] = []
        for (key, value) in container.environment {
            switch value {
            case let .plain(text): environment[key] = text
            case let .secret(reference):
                let resolved = try context.resolve(reference, for: address)
                environment[key] = resolved
                secrets.append(resolved)
            }
        }
        var labels = container.labels
        labels[ContainerValues.projectLabel] = context.project.metadata.name
        labels[ContainerValues.resourceLabel] = address.description
        labels[ContainerValues.specHashLabel] = ContainerValues.specHash(desired.value)
        let image = desired.value["image"]?.stringValue ?? container.image
        return (ContainerValues.createBody(container, image: image, environment: environment, labels: labels), secrets)
    }

    private var image: String { desired.value["image"]?.stringValue ?? container.image }
    private var healthTimeout: Duration { .milliseconds(container.healthTimeoutMilliseconds) }

    /// Pulls (as the policy says) and creates under `name`, started when declared running and checked
    /// to stay up (and become healthy, when `waitHealthy`). A successor that fails is removed again.
    private mutating func make(named name: String, waitHealthy: Bool) async throws(ResourceError) -> String {
        let (body, secrets) = try createBody()
        var operations = try operations(container.engine)
        operations.secrets = secrets
        defer { writes += operations.writes }
        try await provideImage(&operations)
        let id = try await operations.create(name: name, body: body)
        guard container.state == .running else { return id }
        do throws(ResourceError) {
            try await operations.start(id)
            // A successor is watched longer: the container it replaces is removed on the strength of it.
            let interval = Duration.milliseconds(container.activeHealthcheck?.intervalMilliseconds
                                                 ?? ContainerValues.defaultHealthIntervalMilliseconds)
            try await operations.waitReady(id, healthcheck: container.activeHealthcheck != nil && waitHealthy, interval: interval,
                                           timeout: healthTimeout, settle: waitHealthy ? .seconds(1) : .milliseconds(300),
                                           poll: driver.healthPoll)
        } catch {
            // The failure reported is the successor's; if removing it fails too, the next plan finds it
            // by its labels (leftovers) and removes it then.
            try? await operations.remove(id, stopTimeout: 0)
            throw error
        }
        return id
    }

    /// The image on the engine: built from git when declared so and missing, otherwise as the pull policy says.
    private func provideImage(_ operations: inout EngineOperations) async throws(ResourceError) {
        guard let build = container.build else {
            try await operations.ensureImage(image, policy: container.pullPolicy, imageLocation: container.imageLocation)
            return
        }
        if try await operations.imageExists(image) { return }
        try await ImageBuilder.build(container, build: build, tag: image, operations: &operations)
    }

    private mutating func remove(_ id: String, on engine: String, stopTimeout: Int) async throws(ResourceError) {
        var operations = try operations(engine)
        defer { writes += operations.writes }
        try await operations.remove(id, stopTimeout: stopTimeout)
    }

    private mutating func rename(_ id: String, on engine: String) async throws(ResourceError) {
        var operations = try operations(engine)
        defer { writes += operations.writes }
        try await operations.rename(id, to: name)
    }

    mutating func create() async throws(ResourceError) -> String {
        try await make(named: name, waitHealthy: false)
    }

    /// Run state, name and leftovers change in place; nothing else does (see the replace triggers).
    mutating func update(_ change: Change) async throws(ResourceError) -> String {
        guard let handle, let engine = handle["engine"]?.stringValue, let id = handle["id"]?.stringValue else {
            throw ResourceError(address: address, code: .applyFailed, message: "the plan holds no container to update")
        }
        let stop = handle["stop_timeout"]?.intValue ?? container.stopTimeoutSeconds
        for (extraEngine, extra) in DockerDriver.containers(in: handle, includingPrimary: false) {
            try await remove(extra, on: extraEngine, stopTimeout: 0)
        }
        if change.touches("name") { try await rename(id, on: engine) }
        if change.touches("state") {
            var operations = try operations(engine)
            defer { writes += operations.writes }
            if container.state == .running {
                try await operations.start(id)
            } else {
                try await operations.stop(id, timeout: stop)
            }
        }
        return id
    }

    /// Create-before-destroy: the successor runs (and is healthy) under a temporary name before the old
    /// container is stopped and removed; a successor that fails is removed and the old one is untouched.
    /// Destroy-before-create: the image is made sure of first, so a missing image leaves the old one.
    mutating func replace(order: ReplaceOrder) async throws(ResourceError) -> String {
        let oldEngine = handle?["engine"]?.stringValue
        let oldID = handle?["id"]?.stringValue
        let oldStop = handle?["stop_timeout"]?.intValue ?? container.stopTimeoutSeconds
        if let handle {
            for (engine, extra) in DockerDriver.containers(in: handle, includingPrimary: false) {
                try await remove(extra, on: engine, stopTimeout: 0)
            }
        }
        switch order {
        case .createBeforeDestroy:
            // The old one may itself hold the temporary name (a run that died before renaming): then the
            // final name is the free one.
            let oldName = handle?["name"]?.stringValue
            let temporary = oldEngine == container.engine && oldID != nil && oldName != DockerDriver.successorName(name)
                ? DockerDriver.successorName(name) : name
            let id = try await make(named: temporary, waitHealthy: true)
            if let oldEngine, let oldID { try await remove(oldID, on: oldEngine, stopTimeout: oldStop) }
            if temporary != name { try await rename(id, on: container.engine) }
            return id
        case .destroyBeforeCreate:
            do {
                var operations = try operations(container.engine)
                defer { writes += operations.writes }
                try await provideImage(&operations)
            }
            if let oldEngine, let oldID { try await remove(oldID, on: oldEngine, stopTimeout: oldStop) }
            return try await make(named: name, waitHealthy: false)
        }
    }
}

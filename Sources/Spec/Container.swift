/// A Docker container botops keeps in the declared shape and run state.
public struct Container: Sendable, Hashable {
    public enum RunState: String, Sendable, Hashable, CaseIterable {
        case running
        case stopped
    }

    public enum PullPolicy: String, Sendable, Hashable, CaseIterable {
        case ifNotPresent = "IfNotPresent"
        case always = "Always"
        case never = "Never"
    }

    /// An environment value: plain text, or a secret resolved only when applying.
    public enum EnvironmentValue: Sendable, Hashable {
        case plain(String)
        case secret(SecretReference)
    }

    public var metadata: ResourceMetadata
    public var image: String
    public var command: [String]?
    public var entrypoint: [String]?
    public var environment: [String: EnvironmentValue]
    public var state: RunState
    public var restartPolicy: RestartPolicy
    public var ports: [PortMapping]
    public var volumes: [VolumeMount]
    public var network: String?
    public var labels: [String: String]
    /// A key of the Project's `docker.engines`.
    public var engine: String
    public var pullPolicy: PullPolicy
    /// Memory limit in bytes.
    public var memoryBytes: Int64?
    public var cpus: Double?
    public var healthcheck: HealthCheck?

    public init(metadata: ResourceMetadata, image: String, command: [String]? = nil, entrypoint: [String]? = nil,
                environment: [String: EnvironmentValue] = [:], state: RunState = .running,
                restartPolicy: RestartPolicy = RestartPolicy(), ports: [PortMapping] = [], volumes: [VolumeMount] = [],
                network: String? = nil, labels: [String: String] = [:], engine: String = "default",
                pullPolicy: PullPolicy = .ifNotPresent, memoryBytes: Int64? = nil, cpus: Double? = nil,
                healthcheck: HealthCheck? = nil) {
        self.metadata = metadata
        self.image = image
        self.command = command
        self.entrypoint = entrypoint
        self.environment = environment
        self.state = state
        self.restartPolicy = restartPolicy
        self.ports = ports
        self.volumes = volumes
        self.network = network
        self.labels = labels
        self.engine = engine
        self.pullPolicy = pullPolicy
        self.memoryBytes = memoryBytes
        self.cpus = cpus
        self.healthcheck = healthcheck
    }
}

/// Docker's restart policy: `no`, `always`, `unless-stopped`, `on-failure[:N]`.
public struct RestartPolicy: Sendable, Hashable {
    public var name: String
    public var maximumRetryCount: Int
    public init(name: String = "no", maximumRetryCount: Int = 0) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }
}

/// `[ip:]host:container[/proto]`.
public struct PortMapping: Sendable, Hashable {
    public var hostIP: String?
    public var hostPort: Int
    public var containerPort: Int
    public var proto: String
    public init(hostIP: String? = nil, hostPort: Int, containerPort: Int, proto: String = "tcp") {
        self.hostIP = hostIP
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.proto = proto
    }
}

/// `name-or-/path:/path[:ro|:rw]`.
public struct VolumeMount: Sendable, Hashable {
    /// A named volume or an absolute host path.
    public var source: String
    public var target: String
    public var readOnly: Bool
    public init(source: String, target: String, readOnly: Bool = false) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }
}

public struct HealthCheck: Sendable, Hashable {
    /// As Docker takes it: `["CMD", ...]`, `["CMD-SHELL", "..."]`; a plain string becomes CMD-SHELL.
    public var test: [String]
    public var intervalMilliseconds: Int?
    public var timeoutMilliseconds: Int?
    public var retries: Int?
    public init(test: [String], intervalMilliseconds: Int? = nil, timeoutMilliseconds: Int? = nil, retries: Int? = nil) {
        self.test = test
        self.intervalMilliseconds = intervalMilliseconds
        self.timeoutMilliseconds = timeoutMilliseconds
        self.retries = retries
    }
}

/// A Docker container botops keeps in the declared shape and run state.
public struct Container: Sendable, Hashable, Codable {
    public enum RunState: String, Sendable, Hashable, Codable, CaseIterable {
        case running
        case stopped
    }

    public enum PullPolicy: String, Sendable, Hashable, Codable, CaseIterable {
        case ifNotPresent = "IfNotPresent"
        case always = "Always"
        case never = "Never"
    }

    /// How a replace runs: the successor next to the old container for a while, or the old one removed first.
    public enum ReplaceStrategy: String, Sendable, Hashable, Codable, CaseIterable {
        /// Create and start the successor under a temporary name, then remove the old one and rename.
        case overlap
        /// Stop and remove the old container, then create its successor (a gap, but nothing shared twice).
        case recreate
    }

    /// An environment value: plain text, or a secret resolved only when applying.
    public enum EnvironmentValue: Sendable, Hashable, Codable {
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
    /// Seconds Docker waits after SIGTERM before SIGKILL when stopping (Docker's default: 10).
    public var stopTimeoutSeconds: Int
    /// How long a replace waits for the successor to be healthy before giving up and keeping the old one.
    public var healthTimeoutMilliseconds: Int
    /// As declared; nil means ``effectiveReplace`` decides.
    public var replace: ReplaceStrategy?
    /// Builds the image from a git revision instead of using `image` as given.
    public var build: ImageBuild?
    /// Where `image` (or `build`) is declared, for errors about the image itself.
    public var imageLocation: SourceLocation?
    /// Replicas, placement and rollouts for a swarm engine; nil when none of them is written.
    public var swarm: SwarmService?
    /// Where each swarm-only field (`replicas`, `placement`, `update`, `rollback`) is written: a plain engine
    /// refuses them there.
    public var swarmFieldLocations: [String: SourceLocation] = [:]
    /// Where `env` is written, for what an engine cannot do with it.
    public var environmentLocation: SourceLocation?
    /// Set by the loader (the kind's link): it depends on a Bot that has no Webhook, so it polls, and two
    /// of it must never run at once (Telegram ends one of two getUpdates loops on a token with 409).
    public var runsPollingBot = false

    /// A container that publishes host ports, or shares the host's network, cannot run next to its
    /// successor (the port is taken), so it is recreated unless declared otherwise.
    public var effectiveReplace: ReplaceStrategy { replace ?? (ports.isEmpty && network != "host" ? .overlap : .recreate) }

    public init(metadata: ResourceMetadata, image: String, command: [String]? = nil, entrypoint: [String]? = nil,
                environment: [String: EnvironmentValue] = [:], state: RunState = .running,
                restartPolicy: RestartPolicy = RestartPolicy(), ports: [PortMapping] = [], volumes: [VolumeMount] = [],
                network: String? = nil, labels: [String: String] = [:], engine: String = "default",
                pullPolicy: PullPolicy = .ifNotPresent, memoryBytes: Int64? = nil, cpus: Double? = nil,
                healthcheck: HealthCheck? = nil, stopTimeoutSeconds: Int = 10, healthTimeoutMilliseconds: Int = 60_000,
                replace: ReplaceStrategy? = nil, build: ImageBuild? = nil) {
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
        self.stopTimeoutSeconds = stopTimeoutSeconds
        self.healthTimeoutMilliseconds = healthTimeoutMilliseconds
        self.replace = replace
        self.build = build
    }
}

/// An image built by the engine from a tree in a git repository, tagged `botops/<name>:<tree id>`, so it
/// is rebuilt only when that tree changes.
public struct ImageBuild: Sendable, Hashable, Codable {
    /// A local repository path (absolute, or relative to the folder of the declaring file) or a URL.
    public var repository: String
    /// A branch, tag or commit; `HEAD` when not given.
    public var ref: String
    /// The folder of the repository that is the build context; the whole tree when empty.
    public var path: String
    /// The Dockerfile's path inside the context.
    public var dockerfile: String
    /// Build arguments (`ARG`); never secrets, since they end up in the image's history.
    public var arguments: [String: String]
    public var location: SourceLocation

    public init(repository: String, ref: String = "HEAD", path: String = "", dockerfile: String = "Dockerfile",
                arguments: [String: String] = [:], location: SourceLocation) {
        self.repository = repository
        self.ref = ref
        self.path = path
        self.dockerfile = dockerfile
        self.arguments = arguments
        self.location = location
    }
}

/// Docker's restart policy: `no`, `always`, `unless-stopped`, `on-failure[:N]`.
public struct RestartPolicy: Sendable, Hashable, Codable {
    public var name: String
    public var maximumRetryCount: Int
    public init(name: String = "no", maximumRetryCount: Int = 0) {
        self.name = name
        self.maximumRetryCount = maximumRetryCount
    }
}

/// `[ip:]host:container[/proto]`.
public struct PortMapping: Sendable, Hashable, Codable {
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
public struct VolumeMount: Sendable, Hashable, Codable {
    /// A named volume or an absolute host path.
    public var source: String
    public var target: String
    public var readOnly: Bool
    /// A bind of a host path (absolute), not a named volume.
    public var isHostPath: Bool { source.hasPrefix("/") }
    public init(source: String, target: String, readOnly: Bool = false) {
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }
}

public struct HealthCheck: Sendable, Hashable, Codable {
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

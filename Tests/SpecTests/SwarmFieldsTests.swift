import Spec
import Testing

/// A Container's swarm fields are read as declared, and decided per engine: on a standalone engine they are
/// errors at their line; on a swarm, what a service cannot do as declared is an error, what needs every node a warning.
@Suite("Container: swarm fields are read and decided per engine", .timeLimit(.minutes(1)))
struct SwarmFieldsTests {
    static func load(_ spec: String, mode: String = "swarm") -> (Container?, [String]) {
        let result = SpecTestSupport.load([
            "botops.yaml": """
                apiVersion: botops/v1
                kind: Project
                metadata: {name: test}
                spec:
                  docker:
                    engines:
                      default: {host: "unix:///var/run/docker.sock", mode: \(mode)}
                """,
            "c.yaml": """
                apiVersion: botops/v1
                kind: Container
                metadata: {name: web}
                spec:
                  image: x:1
                \(spec)
                """,
        ])
        return (result.state?.containers.first, SpecTestSupport.lines(result))
    }

    @Test func aSwarmServiceIsReadAsDeclared() throws {
        let (container, lines) = Self.load("""
              replicas: 3
              placement: {constraints: [node.role == manager], spreadOver: [node.labels.zone], maxReplicasPerNode: 2}
              update: {parallelism: 2, delay: 5s, order: start-first, failureAction: rollback, monitor: 10s}
              rollback: {parallelism: 0, failureAction: continue}
            """)
        let swarm = try #require(container?.swarm, "\(lines)")
        #expect(lines.isEmpty)
        #expect(swarm.replicas == 3 && swarm.constraints == ["node.role == manager"] && swarm.spreadOver == ["node.labels.zone"])
        #expect(swarm.maxReplicasPerNode == 2)
        #expect(swarm.update.parallelism == 2 && swarm.update.delayMilliseconds == 5_000 && swarm.update.order == .startFirst)
        #expect(swarm.update.failureAction == .rollback && swarm.update.monitorMilliseconds == 10_000)
        #expect(swarm.rollback.parallelism == 0 && swarm.rollback.failureAction == .continue)
    }

    @Test func swarmFieldsOnAStandaloneEngineAreErrorsAtTheirLines() {
        let (_, lines) = Self.load("  replicas: 2\n  update: {order: start-first}", mode: "standalone")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first?.hasPrefix("c.yaml:6:3: error: 'spec.replicas' needs a swarm engine") == true, "\(lines)")
        #expect(lines.last?.hasPrefix("c.yaml:7:3: error: 'spec.update' needs a swarm engine") == true, "\(lines)")
    }

    @Test func whatAServiceCannotDoIsAnErrorAndWhatNeedsEveryNodeAWarning() {
        let (withSecret, secret) = Self.load("  env:\n    TOKEN: {fromEnv: TOKEN}")
        #expect(secret.isEmpty && withSecret != nil, "a secret env value becomes a Docker secret: \(secret)")
        let (_, bind) = Self.load("  volumes: [\"/srv/data:/data\"]")
        #expect(bind.count == 1 && bind.first?.contains("warning: Container/web binds a host path") == true, "\(bind)")
        let (_, rollback) = Self.load("  rollback: {failureAction: rollback}")
        #expect(rollback.first?.contains("must be one of pause, continue") == true, "a rollback cannot roll back: \(rollback)")
        let (_, mode) = Self.load("", mode: "kubernetes")
        #expect(mode.first?.contains("must be one of standalone, swarm") == true, "\(mode)")
    }
}

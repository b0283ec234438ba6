import Drivers
import Foundation
import Logging
import Reconciler
import Spec
import Testing

/// Containers on a swarm engine are services: made with their replicas, converged to a no-op, scaled by hand and
/// put back, bumped in place (Swarm's rolling update, the same service), a failing update rolled back and reported,
/// a service botops does not own left alone, pruned from git and brought back by a revert.
@Suite("Docker Swarm: a Container on a swarm engine is a service", .timeLimit(.minutes(5)), .serialized,
       .enabled(if: TestEngine.swarm != nil && TestEngine.image != nil))
struct DockerSwarmTests {
    static func harness() throws -> DockerHarness {
        let engine = try #require(TestEngine.swarm)
        let h = try DockerHarness(engine)
        try h.write("botops.yaml", """
            apiVersion: botops/v1
            kind: Project
            metadata: {name: \(h.project)}
            spec:
              docker:
                engines:
                  default: {host: "\(engine.host)", mode: swarm}
            """)
        return h
    }

    static func serviceYAML(_ h: DockerHarness, _ base: String, image: String? = nil, command: String = "[sleep, \"3600\"]",
                            extra: String = "") -> String {
        """
        apiVersion: botops/v1
        kind: Container
        metadata: {name: \(h.name(base))}
        spec:
          image: \(image ?? h.image)
          command: \(command)
          network: host
          stopTimeout: 0
          healthTimeout: 60s
          labels: {botops.test: "true"}
        \(extra)

        """
    }

    static func service(_ h: DockerHarness, _ base: String) async throws -> JSONValue? {
        let (status, body) = try await h.call(.GET, "/services/\(h.name(base))")
        return status == 200 ? body : nil
    }

    static func removeServices(_ h: DockerHarness) async {
        do {
            let (_, list) = try await h.call(.GET, "/services")
            for service in list.arrayValue ?? [] {
                guard let name = service["Spec"]?["Name"]?.stringValue, name.hasPrefix(h.project) else { continue }
                try await h.call(.DELETE, "/services/\(name)")
            }
            let (_, secrets) = try await h.call(.GET, "/secrets")
            for secret in secrets.arrayValue ?? [] {
                guard let name = secret["Spec"]?["Name"]?.stringValue, name.hasPrefix(h.project), let id = secret["ID"]?.stringValue else { continue }
                try await h.call(.DELETE, "/secrets/\(id)")
            }
        } catch {
            FileHandle.standardError.write(Data("swarm tests: could not remove the services of \(h.project): \(error)\n".utf8))
        }
        await h.shutdown()
    }

    @Test func aServiceIsMadeConvergedScaledBackBumpedInPlaceAndPruned() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        try h.write("c.yaml", Self.serviceYAML(h, "web", extra: "  replicas: 2\n  update: {order: start-first, monitor: 1s}"))
        let (created, report) = try await h.apply()
        #expect(created.changes.map(\.action) == [.create])
        #expect(report?.succeeded == true, "\(String(describing: report))")
        let made = try #require(try await Self.service(h, "web"))
        let id = try #require(made["ID"]?.stringValue)
        #expect(made["Spec"]?["Mode"]?["Replicated"]?["Replicas"]?.intValue == 2)
        #expect(made["Spec"]?["Labels"]?["dev.botops.resource"]?.stringValue == "Container/\(h.name("web"))")
        let converged = try await h.plan()
        #expect(converged.hasChanges == false, "\(converged.changes.map { ($0.address, $0.fields.map(\.path)) })")
        #expect(converged.change(for: ResourceAddress(.container, h.name("web")))?.status == "2/2 running")

        // Scaled by hand: drift, put back.
        var spec = try #require(made["Spec"]?.objectValue)
        spec["Mode"] = .object(["Replicated": .object(["Replicas": .int(3)])])
        let version = try #require(made["Version"]?["Index"]?.intValue)
        #expect(try await h.call(.POST, "/services/\(id)/update?version=\(version)", body: JSONValue.object(spec).description).0 == 200)
        let drift = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("web"))))
        #expect(drift.action == .update && drift.fields.map(\.path) == ["service.replicas"])
        try await h.apply()
        #expect(try await Self.service(h, "web")?["Spec"]?["Mode"]?["Replicated"]?["Replicas"]?.intValue == 2)

        // An image bump is Swarm's rolling update of the same service, not a replace.
        #expect(try await h.call(.POST, "/images/\(h.image)/tag?repo=localhost/botops-busybox&tag=\(h.project)").0 == 201)
        try h.write("c.yaml", Self.serviceYAML(h, "web", image: "localhost/botops-busybox:\(h.project)",
                                               extra: "  replicas: 2\n  update: {order: start-first, monitor: 1s}"))
        let (bump, bumped) = try await h.apply()
        #expect(bump.changes.first?.action == .update && bump.changes.first?.fields.map(\.path) == ["service.image"])
        #expect(bumped?.succeeded == true, "\(String(describing: bumped))")
        let after = try #require(try await Self.service(h, "web"))
        #expect(after["ID"]?.stringValue == id, "updated in place")
        #expect(after["Spec"]?["TaskTemplate"]?["ContainerSpec"]?["Image"]?.stringValue == "localhost/botops-busybox:\(h.project)")
        #expect(try await h.plan().hasChanges == false)

        // Removed from git: pruned. Put back: made again.
        let declared = Self.serviceYAML(h, "web", image: "localhost/botops-busybox:\(h.project)",
                                        extra: "  replicas: 2\n  update: {order: start-first, monitor: 1s}")
        try h.remove("c.yaml")
        let (pruned, removal) = try await h.apply(PlanOptions(allowEmpty: true))
        #expect(pruned.changes.map(\.action) == [.delete])
        #expect(removal?.succeeded == true, "\(String(describing: removal))")
        #expect(try await Self.service(h, "web") == nil)
        try h.write("c.yaml", declared)
        try await h.apply()
        #expect(try await Self.service(h, "web") != nil)
        #expect(try await h.plan().hasChanges == false)
    }

    @Test func aFailingUpdateRollsBackAndIsReported() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        let rollout = "  update: {failureAction: rollback, monitor: 3s}\n  rollback: {monitor: 1s}"
        try h.write("c.yaml", Self.serviceYAML(h, "api", extra: rollout))
        #expect(try await h.apply().1?.succeeded == true)
        // The new tasks exit at once: Swarm rolls the update back, and the change fails with why.
        try h.write("c.yaml", Self.serviceYAML(h, "api", command: "[sh, -c, \"exit 3\"]", extra: rollout))
        let (_, report) = try await h.apply()
        let address = ResourceAddress(.container, h.name("api"))
        guard case let .failed(error) = report?.outcomes[address] else {
            Issue.record("the update should fail: \(String(describing: report?.outcomes[address]))")
            return
        }
        #expect(error.message.contains("rolled back"), "\(error.message)")
        let live = try #require(try await Self.service(h, "api"))
        #expect(live["Spec"]?["TaskTemplate"]?["ContainerSpec"]?["Args"] == .array(["sleep", "3600"]), "the old spec runs again")
        let plan = try await h.plan()
        #expect(plan.change(for: address)?.action == .update, "the declared change is still pending")
        #expect(plan.change(for: address)?.status?.contains("rolled back") == true, "\(String(describing: plan.change(for: address)?.status))")
    }

    @Test func anUpdateWhoseTasksFailTheirHealthCheckRollsBack() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        func declared(_ check: String) -> String {
            Self.serviceYAML(h, "checked", extra: """
                  healthcheck: {test: [CMD, \(check)], interval: 1s, timeout: 1s, retries: 1}
                  update: {failureAction: rollback, monitor: 5s}
                  rollback: {monitor: 1s}
                """)
        }
        try h.write("c.yaml", declared("\"true\""))
        #expect(try await h.apply().1?.succeeded == true)
        try h.write("c.yaml", declared("\"false\""))
        let (_, report) = try await h.apply()
        let address = ResourceAddress(.container, h.name("checked"))
        guard case let .failed(error) = report?.outcomes[address] else {
            Issue.record("the update should fail: \(String(describing: report?.outcomes[address]))")
            return
        }
        #expect(error.message.contains("rolled back"), "\(error.message)")
        let test = try await Self.service(h, "checked")?["Spec"]?["TaskTemplate"]?["ContainerSpec"]?["Healthcheck"]?["Test"]
        #expect(test == .array(["CMD", "true"]), "the healthy spec runs again")
    }

    @Test func aSecretEnvValueIsADockerSecretRotatedByName() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        let file = h.folder + "/token.txt"
        try "first-secret-value".write(toFile: file, atomically: true, encoding: .utf8)
        let env = "  env:\n    TOKEN: {fromFile: \(file)}\n    MODE: plain"
        try h.write("c.yaml", Self.serviceYAML(h, "bot", extra: env))
        #expect(try await h.apply().1?.succeeded == true)
        let made = try #require(try await Self.service(h, "bot"))
        #expect(!made.description.contains("first-secret-value"), "the value is never in the service spec")
        let container = made["Spec"]?["TaskTemplate"]?["ContainerSpec"]
        #expect(container?["Env"] == .array(["MODE=plain", "TOKEN_FILE=/run/secrets/TOKEN"]))
        let first = try #require(container?["Secrets"]?.arrayValue?.first?["SecretName"]?.stringValue)
        #expect(first.hasPrefix(h.name("bot") + "-token-"))
        #expect(try await h.plan().hasChanges == false)

        // A new value is a new secret (Docker's cannot change): an update of the service, and the old secret goes.
        try "second-secret-value".write(toFile: file, atomically: true, encoding: .utf8)
        let rotation = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("bot"))))
        #expect(rotation.action == .update && rotation.fields.map(\.path) == ["service.secrets.TOKEN"])
        #expect(!rotation.fields.description.contains("second-secret-value"))
        #expect(try await h.apply().1?.succeeded == true)
        let second = try #require(try await Self.service(h, "bot")?["Spec"]?["TaskTemplate"]?["ContainerSpec"]?["Secrets"]?
            .arrayValue?.first?["SecretName"]?.stringValue)
        #expect(second != first)
        let (_, secrets) = try await h.call(.GET, "/secrets")
        let names = (secrets.arrayValue ?? []).compactMap { $0["Spec"]?["Name"]?.stringValue }.filter { $0.hasPrefix(h.name("bot")) }
        #expect(names == [second], "the old secret is removed once the update settled: \(names)")

        try h.remove("c.yaml")
        try await h.apply(PlanOptions(allowEmpty: true))
        let (_, left) = try await h.call(.GET, "/secrets")
        #expect((left.arrayValue ?? []).allSatisfy { $0["Spec"]?["Name"]?.stringValue?.hasPrefix(h.project) != true },
                "a pruned service's secrets go with it")
    }

    @Test func anUpdateRacingAChangeByHandIsReportedNotOverwritten() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        try h.write("c.yaml", Self.serviceYAML(h, "race"))
        #expect(try await h.apply().1?.succeeded == true)
        try h.write("c.yaml", Self.serviceYAML(h, "race", extra: "  replicas: 2"))
        let address = ResourceAddress(.container, h.name("race"))
        let planned = try #require(try await h.plan().change(for: address))
        #expect(planned.action == .update)

        // Someone changes the service between the plan's read and botops' update.
        let live = try #require(try await Self.service(h, "race"))
        var spec = try #require(live["Spec"]?.objectValue)
        spec["Labels"] = .object((spec["Labels"]?.objectValue ?? [:]).merging(["changed.by": "hand"]) { $1 })
        let version = try #require(live["Version"]?["Index"]?.intValue)
        #expect(try await h.call(.POST, "/services/\(h.name("race"))/update?version=\(version)", body: JSONValue.object(spec).description).0 == 200)

        let state = try #require(try SpecLoader().load(from: DirectorySource(root: h.folder)).state)
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let context = DriverContext(state: state, inventory: try await h.inventory(), secrets: SecretResolver(environment: [:]), logger: logger)
        let driver = try #require(h.catalog.drivers(for: state.project, logger: logger).first { $0.kinds.contains(.container) })
        let desired = try #require(driver.desired(in: context.serving(driver.kinds)).resources.first { $0.address == address })
        await #expect {
            _ = try await driver.apply(PendingChange(change: planned, desired: desired, owned: nil), context: context.serving(driver.kinds))
        } throws: { error in
            guard let error = error as? ResourceError else { return false }
            return error.code == .conflict && error.message.contains("changed by someone else after this plan read it")
        }
        let after = try #require(try await Self.service(h, "race"))
        #expect(after["Spec"]?["Labels"]?["changed.by"] == "hand", "their change stands")
        #expect(after["Spec"]?["Mode"]?["Replicated"]?["Replicas"]?.intValue == 1, "nothing of the stale update was written")
    }

    @Test func statusListsTheNodesWhereTasksRunAndADrainedNode() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        try h.write("c.yaml", Self.serviceYAML(h, "spread", extra: "  replicas: 2"))
        #expect(try await h.apply().1?.succeeded == true)
        let status = try await BotopsProcess.run(["status", h.folder])
        #expect(status.status == 0, "\(status.stderr)")
        let line = try #require(status.stdout.split(separator: "\n").first { $0.contains("runs ") }.map(String.init), "\(status.stdout)")
        #expect(status.stdout.contains("Swarm engine 'default':"))
        #expect(line.contains("  ready  active  manager, leader  runs \(h.name("spread")).1 \(h.name("spread")).2"), "\(line)")

        // A node drained by hand is reported, not fought (on one node, Swarm then has nowhere to run the tasks).
        let (_, nodes) = try await h.call(.GET, "/nodes")
        let node = try #require(nodes.arrayValue?.first)
        let id = try #require(node["ID"]?.stringValue)
        func available(_ availability: String) async throws -> Int {
            let (_, current) = try await h.call(.GET, "/nodes/\(id)")
            var spec = current["Spec"]?.objectValue ?? [:]
            spec["Availability"] = .string(availability)
            return try await h.call(.POST, "/nodes/\(id)/update?version=\(current["Version"]?["Index"]?.intValue ?? 0)",
                                    body: JSONValue.object(spec).description).0
        }
        #expect(try await available("drain") == 200)
        let drained = try await BotopsProcess.run(["status", h.folder])
        let restored = try await available("active")
        #expect(restored == 200, "the node is active again for the other tests")
        #expect(drained.stdout.contains("  drain  manager, leader") && drained.stdout.contains("drained by hand"), "\(drained.stdout)")
    }

    @Test func anImageBuiltFromGitRunsOnAOneNodeSwarm() async throws {
        let h = try Self.harness()
        let repo = try BuildRepository(dockerfile: DockerBuildTests.dockerfile(h.image))
        defer { Task { await Self.removeServices(h); repo.remove() } }
        try h.write("c.yaml", """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: \(h.name("built"))}
            spec:
              build: {repo: \(repo.path), ref: main, path: app}
              network: host
              stopTimeout: 0
              labels: {botops.test: "true"}
            """)
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(String(describing: report))")
        let image = try #require(try await Self.service(h, "built")?["Spec"]?["TaskTemplate"]?["ContainerSpec"]?["Image"]?.stringValue)
        #expect(image.hasPrefix("botops/\(h.name("built")):"), "built on the manager and run there")
        #expect(try await h.plan().change(for: ResourceAddress(.container, h.name("built")))?.status == "1/1 running")
    }

    @Test func portsArePublishedInTheModeDeclared() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        // Not on the host network: a published port needs the service on a network of its own.
        try h.write("c.yaml", Self.serviceYAML(h, "published").replacingOccurrences(of: "  network: host\n", with: "")
                        + "  ports: [\"18098:8080\"]\n  publishMode: host\n")
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(String(describing: report))")
        let ports = try await Self.service(h, "published")?["Spec"]?["EndpointSpec"]?["Ports"]?.arrayValue ?? []
        #expect(ports.first?["PublishMode"] == "host" && ports.first?["PublishedPort"]?.intValue == 18098, "\(ports)")
        #expect(try await h.plan().hasChanges == false, "the mode round-trips")
        try h.write("c.yaml", Self.serviceYAML(h, "published").replacingOccurrences(of: "  network: host\n", with: "")
                        + "  ports: [\"18098:8080\"]\n")
        let change = try await h.plan().change(for: ResourceAddress(.container, h.name("published")))
        #expect(change?.fields.map(\.path) == ["service.publish_mode"], "ingress is the default, and a change in place")
    }

    @Test func aServiceShortOfTasksSaysWhy() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        try h.write("c.yaml", Self.serviceYAML(h, "missing", image: "localhost/botops-not-built:\(h.project)")
                        .replacingOccurrences(of: "healthTimeout: 60s", with: "healthTimeout: 3s"))
        let (_, report) = try await h.apply()
        guard case let .failed(error) = report?.outcomes[ResourceAddress(.container, h.name("missing"))] else {
            Issue.record("tasks without an image cannot settle: \(String(describing: report))")
            return
        }
        #expect(error.message.contains("did not settle") && error.message.contains("task 1:"), "\(error.message)")
        let status = try await h.plan().change(for: ResourceAddress(.container, h.name("missing")))?.status ?? ""
        #expect(status.hasPrefix("0/1 running; task 1: ") && status.contains("No such image"), "\(status)")
    }

    @Test func aServiceBotopsDoesNotOwnIsLeftAlone() async throws {
        let h = try Self.harness()
        defer { Task { await Self.removeServices(h) } }
        let spec: JSONValue = .object([
            "Name": .string(h.name("manual")), "Labels": .object(["botops.test": "true"]),
            "TaskTemplate": .object(["ContainerSpec": .object(["Image": .string(h.image), "Args": .array(["sleep", "3600"])]),
                                     "Networks": .array([.object(["Target": "host"])])]),
        ])
        #expect(try await h.call(.POST, "/services/create", body: spec.description).0 == 201)
        try h.write("c.yaml", Self.serviceYAML(h, "manual"))
        let plan = try await h.plan()
        #expect(plan.unknown.first?.code == .conflict, "\(plan.unknown)")
        #expect(plan.unknown.first?.message.contains("was not made by botops") == true)
        try await h.apply()
        #expect(try await Self.service(h, "manual")?["Spec"]?["Labels"]?["dev.botops.project"] == nil, "untouched")
    }
}

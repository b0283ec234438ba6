@testable import Drivers
import Foundation
import Reconciler
import Spec
import Testing

/// Containers started by hand (never by botops) on podman and on Docker Engine, imported, then planned: the
/// first plan adopts each of them and changes nothing else; after the apply the fleet is converged, the stopped
/// one still stopped; one field changed in the YAML is exactly that field.
@Suite("Import: Docker round trip", .timeLimit(.minutes(5)), .enabled(if: TestEngine.available))
struct DockerImportRoundTripTests {
    static let token = "7000123:AAHabcdefghijklmnopqrstuvwxyz0123456"

    /// What a team ran with `docker run` over the years.
    static func runByHand(_ docker: DockerHarness, port: Int) async throws {
        let mark = #""botops.import": "\#(docker.project)""#
        let containers: [(String, String)] = [
            ("web", """
                {"Image": "\(docker.image)", "Cmd": ["sleep", "3600"], "Env": ["MODE=prod", "BOT_TOKEN=\(token)"],
                 "Labels": {\(mark), "team": "web"}, "ExposedPorts": {"80/tcp": {}}, "StopTimeout": 0,
                 "HostConfig": {"NetworkMode": "none", "RestartPolicy": {"Name": "always"}, "Memory": 67108864, "NanoCpus": 500000000,
                                "PortBindings": {"80/tcp": [{"HostIp": "127.0.0.1", "HostPort": "\(port)"}]}}}
                """),
            ("worker", """
                {"Image": "\(docker.image)", "Cmd": ["sleep", "3600"], "Env": ["QUEUE=posts"], "StopTimeout": 3,
                 "Labels": {\(mark), "com.docker.compose.project": "legacy", "com.docker.compose.service": "worker"},
                 "Healthcheck": {"Test": ["CMD-SHELL", "true"], "Interval": 5000000000, "Retries": 2},
                 "HostConfig": {"NetworkMode": "none", "Binds": ["/tmp:/data:ro"], "RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 3}}}
                """),
            ("idle", """
                {"Image": "\(docker.image)", "Cmd": ["sleep", "3600"], "Labels": {\(mark)}, "StopTimeout": 0, "HostConfig": {"NetworkMode": "none"}}
                """),
            ("cron", """
                {"Image": "\(docker.image)", "Entrypoint": ["sh", "-c"], "Cmd": ["sleep 3600"], "Labels": {\(mark)}, "StopTimeout": 0,
                 "HostConfig": {"NetworkMode": "none"}}
                """),
            ("proxy", """
                {"Image": "\(docker.image)", "Cmd": ["sleep", "3600"], "Env": ["DATABASE_PASSWORD=pw-1", "PORT=5433"], "Labels": {\(mark)},
                 "StopTimeout": 0, "HostConfig": {"NetworkMode": "none", "RestartPolicy": {"Name": "unless-stopped"}}}
                """),
        ]
        for (base, body) in containers {
            let (status, answer) = try await docker.call(.POST, "/containers/create?name=\(docker.name(base))", body: body)
            #expect(status == 201, "\(base): \(answer)")
            if base != "idle" { try await docker.call(.POST, "/containers/\(docker.name(base))/start") }
        }
    }

    @Test(arguments: TestEngine.all.map(\.name))
    func theFirstPlanAdoptsEachContainerAndChangesNothingElse(_ engineName: String) async throws {
        let engine = try #require(TestEngine.all.first { $0.name == engineName })
        let docker = try DockerHarness(engine, environment: ["BOT_TOKEN": Self.token, "DATABASE_PASSWORD": "pw-1"])
        defer { Task { await docker.shutdown() } }
        try await Self.runByHand(docker, port: Int.random(in: 30_000...39_999))
        let project = try #require(try SpecLoader().load(from: DirectorySource(root: docker.folder)).state?.project)
        let imported = await DockerImporter(catalog: docker.catalog, project: project).run(.labels(["botops.import": docker.project]))
        #expect(imported.failures.isEmpty, "\(imported.failures)")
        let names = ["cron", "idle", "proxy", "web", "worker"].map(docker.name)
        #expect(imported.documents.map(\.name) == names)
        #expect(imported.notes.contains { $0.contains("BOT_TOKEN looks secret and is written as {fromEnv: BOT_TOKEN}") })
        let layout = ConfigLayout.locate(docker.folder)
        let files = imported.files(in: layout)
        for file in files {
            let text = String(decoding: file.contents, as: UTF8.self)
            #expect(!text.contains(Self.token) && !text.contains("pw-1"), "no secret value in \(file.path)")
            #expect(!text.contains("com.docker.compose.project: legacy"), "the tool's labels are left out of \(file.path)")
        }
        if engine.name == "dockerd" {
            let web = try #require(files.first { $0.path.hasSuffix("-web.yaml") })
            #expect(String(decoding: web.contents, as: UTF8.self).contains("ports: [\"127.0.0.1:"), "Docker keeps the bindings")
        }
        try files.write(into: layout.configRoot)
        let loaded = try SpecLoader().load(from: DirectorySource(root: docker.folder))
        #expect(loaded.diagnostics.isEmpty, "\(loaded.diagnostics)")

        let adopt = Set(names.map { ResourceAddress(.container, $0) })
        let plan = try await docker.plan(PlanOptions(adopt: adopt))
        #expect(plan.unknown.isEmpty, "\(plan.unknown)")
        #expect(plan.actionable.map(\.address.name) == names)
        for change in plan.actionable {
            #expect(change.cause == .adoptByReplace, "\(change.address): \(change.fields.map { "\($0.path): \(String(describing: $0.before)) -> \(String(describing: $0.after))" })")
        }
        #expect(plan.summary.sentence == "Plan: 0 to add, 0 to change, 0 to destroy, 5 to adopt.")
        let (_, report) = try await docker.apply(PlanOptions(adopt: adopt))
        #expect(report?.succeeded == true, "\(String(describing: report?.failures))")
        #expect(try await docker.plan().hasChanges == false, "adopted and converged")
        #expect(try await docker.inspect(docker.name("idle"))["State"]?["Status"]?.stringValue != "running", "still stopped")
        #expect(try await docker.env(of: docker.name("web"))["BOT_TOKEN"] == Self.token)

        let path = docker.folder + "/containers/\(docker.name("worker")).yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "QUEUE: posts", with: "QUEUE: news").write(toFile: path, atomically: true, encoding: .utf8)
        let changed = try await docker.plan()
        #expect(changed.actionable.map(\.address.name) == [docker.name("worker")])
        #expect(changed.actionable.first?.fields.map(\.path) == ["env.QUEUE"])
    }
}

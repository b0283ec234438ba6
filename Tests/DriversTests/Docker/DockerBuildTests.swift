import Drivers
import Foundation
import TestSupport
import Reconciler
import Spec
import Testing

/// A repository with a Dockerfile `FROM` the local test image, in a folder `app`, plus a file outside it.
struct BuildRepository {
    let path: String

    init(dockerfile: String) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("botops-build-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/app", withIntermediateDirectories: true)
        try git("init", "-q", "-b", "main")
        try write("app/Dockerfile", dockerfile)
        // A line of its own, so no two tests' builds share a cached layer: podman fails a build whose cached layer
        // another test's forced image removal takes away under it ("getting top layer info: layer not known").
        try write("app/hello.txt", "version 1 of \(UUID().uuidString)\n")
        try write("README.md", "outside the build context\n")
        try commit("first")
    }

    func write(_ file: String, _ text: String) throws {
        try text.write(toFile: path + "/" + file, atomically: true, encoding: .utf8)
    }

    func commit(_ message: String) throws {
        try git("add", "-A")
        try git("-c", "user.name=t", "-c", "user.email=t@example.com", "commit", "-q", "-m", message)
    }

    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-C", path] + arguments
        try process.run()
        guard process.exitStatus() == 0 else { throw HarnessError(message: "git \(arguments) failed") }
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

@Suite("Docker: images built from a git tree, tagged by tree id, rebuilt only when the tree changes", .timeLimit(.minutes(5)),
       .enabled(if: TestEngine.available))
struct DockerBuildTests {
    static func dockerfile(_ image: String, extra: String = "") -> String {
        "FROM \(image)\nCOPY hello.txt /hello.txt\n\(extra)CMD [\"sleep\", \"3600\"]\n"
    }

    static func yaml(_ h: DockerHarness, repo: String) -> String {
        """
        apiVersion: botops/v1
        kind: Container
        metadata: {name: \(h.name("built"))}
        spec:
          build: {repo: \(repo), ref: main, path: app, args: {FLAVOUR: plain}}
          network: none
          stopTimeout: 0
          labels: {botops.test: "true"}

        """
    }

    @Test(arguments: TestEngine.all)
    func aTreeIsBuiltOnceAndAChangeInsideItRebuilds(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        let repo = try BuildRepository(dockerfile: Self.dockerfile(h.image))
        defer { Task { await h.shutdown(); repo.remove() } }
        try h.write("c.yaml", Self.yaml(h, repo: repo.path))

        let plan = try await h.plan()
        let created = try #require(plan.change(for: ResourceAddress(.container, h.name("built"))))
        let image = try #require(created.fields.first { $0.path == "image" }?.after?.stringValue)
        #expect(image.hasPrefix("botops/\(h.name("built")):"))
        let tag = String(image.split(separator: ":").last ?? "")
        #expect(tag.prefix(40).allSatisfy(\.isHexDigit) && tag.count == 40 + 13, "tree id, then the recipe's hash: \(image)")
        let (_, report) = try await h.apply()
        #expect(report?.succeeded == true, "\(report?.failures ?? [])")
        #expect(try await h.containers()[h.name("built")]?["State"]?.stringValue == "running")
        let (status, built) = try await h.call(.GET, "/images/\(image)/json")
        #expect(status == 200)
        #expect(built["Config"]?["Labels"]?["dev.botops.project"]?.stringValue == h.project)
        defer { Task { _ = try? await h.call(.DELETE, "/images/\(image)?force=1") } }

        // Nothing in the context changed (a commit outside it): same tag, no build, no write.
        try repo.write("README.md", "still outside\n")
        try repo.commit("docs")
        let writes = h.catalog.dockerCalls.writes
        #expect(try await h.plan().hasChanges == false)
        try await h.apply()
        #expect(h.catalog.dockerCalls.writes == writes)

        // The same tree with other build arguments is another image.
        try h.write("c.yaml", Self.yaml(h, repo: repo.path).replacingOccurrences(of: "FLAVOUR: plain", with: "FLAVOUR: spicy"))
        let rebuilt = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("built"))))
        #expect(rebuilt.action == .replace)
        #expect(rebuilt.fields.first { $0.path == "image" }?.after?.stringValue?.hasPrefix(image.dropLast(12)) == true,
                "the same tree id, another recipe hash")
        try h.write("c.yaml", Self.yaml(h, repo: repo.path))

        // A change inside the context: a new tag, a build, a replace.
        try repo.write("app/hello.txt", "version 2\n")
        try repo.commit("v2")
        let change = try #require(try await h.plan().change(for: ResourceAddress(.container, h.name("built"))))
        #expect(change.action == .replace)
        let next = try #require(change.fields.first { $0.path == "image" }?.after?.stringValue)
        #expect(next != image)
        defer { Task { _ = try? await h.call(.DELETE, "/images/\(next)?force=1") } }
        let (_, second) = try await h.apply()
        #expect(second?.succeeded == true, "\(second?.failures ?? [])")
        #expect(try await h.inspect(h.name("built"))["Config"]?["Image"]?.stringValue?.hasSuffix(next) == true)
        #expect(try await h.plan().hasChanges == false)
    }

    @Test(arguments: TestEngine.all)
    func aFailedBuildShowsItsLogAndLeavesTheRunningContainer(engine: TestEngine) async throws {
        let h = try DockerHarness(engine)
        let repo = try BuildRepository(dockerfile: Self.dockerfile(h.image))
        defer { Task { await h.shutdown(); repo.remove() } }
        try h.write("c.yaml", Self.yaml(h, repo: repo.path))
        // The first build must have run: without it the rest proves nothing (a container that was never made is
        // "left alone" too).
        let (firstPlan, first) = try await h.apply()
        try #require(first?.succeeded == true, "the first apply: \(first?.failures ?? []), \(firstPlan.refusals), \(firstPlan.unknown)")
        let id = try #require(try await h.containers()[h.name("built")]?["Id"]?.stringValue, "the first apply made the container")

        try repo.write("app/Dockerfile", Self.dockerfile(h.image, extra: "RUN echo compiling the bot && exit 7\n"))
        try repo.commit("broken")
        let (_, report) = try await h.apply()
        let failure = try #require(report?.failures.first)
        #expect(failure.message.contains("building botops/"), "\(failure.message)")
        #expect(failure.message.contains("compiling the bot"), "the build log is shown: \(failure.message)")
        #expect(failure.location?.file.hasSuffix("c.yaml") == true)
        let live = try await h.containers()
        #expect(live.count == 1)
        #expect(live[h.name("built")]?["Id"]?.stringValue == id, "the running container is left alone")
    }
}

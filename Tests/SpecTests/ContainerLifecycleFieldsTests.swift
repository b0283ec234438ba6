import Spec
import Testing

@Suite("Container: stop and health timeouts, replace strategy and builds from git are read as declared", .timeLimit(.minutes(1)))
struct ContainerLifecycleFieldsTests {
    static func container(_ spec: String) -> (Container?, [String]) {
        let result = SpecTestSupport.load(["c.yaml": """
            apiVersion: botops/v1
            kind: Container
            metadata: {name: pingme}
            spec:
            \(spec)
            """])
        return (result.state?.containers.first, SpecTestSupport.lines(result))
    }

    @Test func defaultsAreDockers() throws {
        let (container, lines) = Self.container("  image: ghcr.io/acme/pingme:1")
        let parsed = try #require(container, "\(lines)")
        #expect(parsed.stopTimeoutSeconds == 10)
        #expect(parsed.healthTimeoutMilliseconds == 60_000)
        #expect(parsed.replace == nil)
        #expect(parsed.effectiveReplace == .overlap)
        #expect(parsed.imageLocation?.line == 5)
    }

    @Test func portsMakeRecreateTheDefault() throws {
        let (container, _) = Self.container("  image: x:1\n  ports: [\"127.0.0.1:8080:8080\"]")
        #expect(container?.effectiveReplace == .recreate)
    }

    @Test func timeoutsTakeDurationsOrSeconds() throws {
        let (container, lines) = Self.container("  image: x:1\n  stopTimeout: 0\n  healthTimeout: 2m\n  replace: recreate")
        let parsed = try #require(container, "\(lines)")
        #expect(parsed.stopTimeoutSeconds == 0)
        #expect(parsed.healthTimeoutMilliseconds == 120_000)
        #expect(parsed.replace == .recreate)
        let (seconds, _) = Self.container("  image: x:1\n  stopTimeout: 30")
        #expect(seconds?.stopTimeoutSeconds == 30)
    }

    @Test func buildReplacesImage() throws {
        let (container, lines) = Self.container("""
              build:
                repo: ../pingme
                ref: v1.2
                path: ./service/
                dockerfile: docker/Dockerfile
                args: {PYTHON: "3.12"}
            """)
        let parsed = try #require(container, "\(lines)")
        let build = try #require(parsed.build)
        #expect(parsed.image == "botops/pingme")
        #expect(build.repository == "../pingme")
        #expect(build.ref == "v1.2")
        #expect(build.path == "service")
        #expect(build.dockerfile == "docker/Dockerfile")
        #expect(build.arguments == ["PYTHON": "3.12"])
        #expect(build.location.line == 6)
    }

    @Test func buildPathsMustStayInside() {
        let (_, lines) = Self.container("  build: {repo: /srv/git/pingme.git, path: ../etc, dockerfile: /Dockerfile}")
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.contains { $0.contains("'spec.build.path' must be a folder inside the repository") })
        #expect(lines.contains { $0.contains("'spec.build.dockerfile' must be a path inside the build context") })
    }
}

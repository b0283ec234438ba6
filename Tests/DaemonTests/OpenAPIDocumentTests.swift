import Daemon
import Drivers
import Foundation
import Reconciler
import Testing

/// The served OpenAPI document is the one in the repository, and it lists exactly the routes the
/// daemon's router serves, method by method.
@Suite("OpenAPI: docs/openapi.json is served and names every route", .timeLimit(.minutes(5)))
struct OpenAPIDocumentTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("docs/openapi.json").path

    /// The build plugin embeds the file itself: edit docs/openapi.json and rebuild, nothing else.
    @Test func theRepositoryCopyIsTheServedOne() throws {
        let kept = try String(contentsOfFile: Self.file, encoding: .utf8)
        #expect(kept == OpenAPIDocument.json + "\n", "the build did not embed docs/openapi.json as it is")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        #expect(document["openapi"] as? String == "3.1.0")
    }

    @Test func everyRouteIsDocumentedAndEveryDocumentedRouteIsServed() async throws {
        let catalog = DriverCatalog()
        let loop = ReconcileLoop(schedule: PassSchedule(interval: .seconds(60), start: .now),
                                 session: FleetSession(catalog: catalog), logger: .init(label: "test")) {
            throw ConfigSourceTestError()
        }
        let served = Set(DaemonServer.router(for: loop).routes.map { "\($0.method.rawValue) \($0.path)" })
        let document = try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
        let components = document["components"] as? [String: Any]
        let pathItems = components?["pathItems"] as? [String: Any] ?? [:]
        var documented: Set<String> = []
        for (path, item) in document["paths"] as? [String: [String: Any]] ?? [:] {
            var operations = item
            if let reference = item["$ref"] as? String, let name = reference.split(separator: "/").last {
                operations = pathItems[String(name)] as? [String: Any] ?? [:]
            }
            for method in operations.keys where ["get", "post", "put", "delete", "patch"].contains(method) {
                documented.insert("\(method.uppercased()) \(path)")
            }
        }
        #expect(served.subtracting(documented).isEmpty, "served but not documented: \(served.subtracting(documented).sorted())")
        #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        #expect(served.count >= 12)
        try await catalog.shutdown()
    }

    struct ConfigSourceTestError: Error {}
}

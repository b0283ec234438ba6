import Foundation
@testable import Spec
import Testing

/// `botops init`'s files: the templates it carries are the repository's own, the Project it writes loads,
/// every file names the schema by a path that reaches it, and nothing is ever overwritten.
@Suite("Scaffold: a new configuration repository", .timeLimit(.minutes(1)))
struct ScaffoldTests {
    static func temporary() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("botops-scaffold-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The build plugin embeds them; this guards its wiring (a file left out, a wrong property).
    @Test func theCarriedTemplatesAreTheRepositorysFiles() throws {
        let root = SpecTestSupport.repositoryRoot
        for (text, path) in [(ScaffoldTemplates.schema, "schemas/botops-v1.schema.json"),
                             (ScaffoldTemplates.githubActions, "examples/ci/github-actions.yml"),
                             (ScaffoldTemplates.gitlabCI, "examples/ci/gitlab-ci.yml")] {
            let file = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            #expect(text + "\n" == file, "\(path) is not what the binary carries")
        }
    }

    @Test func theRepositoryLoadsAndItsSchemaLineReachesTheSchema() throws {
        let folder = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try ConfigScaffold(project: "acme-bots", ci: .gitlab).files.write(into: folder)
        let loaded = try SpecLoader().load(from: DirectorySource(root: folder + "/fleet"))
        #expect(loaded.diagnostics.isEmpty && loaded.state?.project.metadata.name == "acme-bots", "\(loaded.diagnostics)")
        #expect(FileManager.default.fileExists(atPath: folder + "/.gitlab-ci.yml"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/.github"))

        let layout = ConfigLayout.locate(folder)
        #expect(layout.configRoot.hasSuffix("/fleet") && layout.schemaFile?.hasSuffix("/schemas/botops-v1.schema.json") == true)
        let project = try String(contentsOfFile: folder + "/fleet/botops.yaml", encoding: .utf8)
        #expect(project.hasPrefix((layout.schemaLine(for: "botops.yaml") ?? "none") + "\n"))
        let line = try #require(layout.schemaLine(for: "bots/alpha.yaml"))
        #expect(line == "# yaml-language-server: $schema=../../schemas/botops-v1.schema.json")
        let target = URL(fileURLWithPath: folder + "/fleet/bots/").appendingPathComponent(String(line.split(separator: "=")[1]))
        #expect(FileManager.default.fileExists(atPath: target.standardizedFileURL.path))
        #expect(ConfigLayout.locate(folder + "/fleet").configRoot == layout.configRoot, "a configuration folder is its own root")
    }

    @Test func nothingIsWrittenWhenAnyFileExists() throws {
        let folder = try Self.temporary()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "mine\n".write(toFile: folder + "/.gitignore", atomically: true, encoding: .utf8)
        #expect(throws: GeneratedFileError.self) { try ConfigScaffold(project: "acme").files.write(into: folder) }
        do {
            try ConfigScaffold(project: "acme").files.write(into: folder)
        } catch {
            #expect(error.code == .exists && error.message.contains("already exists, so nothing was written: .gitignore"), "\(error)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == [".gitignore"])
        #expect(try String(contentsOfFile: folder + "/.gitignore", encoding: .utf8) == "mine\n")
    }

    @Test func aProjectNameIsMadeFromTheFolder() throws {
        #expect(ConfigScaffold.projectName(fromFolder: "/srv/Acme Bots!") == "acme-bots")
        #expect(ConfigScaffold.projectName(fromFolder: "/srv/---") == nil)
        #expect(throws: GeneratedFileError.self) { try ConfigScaffold(project: "Acme") }
    }
}

import Foundation
import PackagePlugin

/// Makes files of the repository part of a module at build time as Swift string constants, so the one
/// copy in the repository is the one the binary serves or writes, and they cannot differ:
/// docs/openapi.json and the fleet page's templates, style and script in Daemon; the JSON Schema and the CI
/// examples `botops init` writes in Spec.
@main
struct EmbedFiles: BuildToolPlugin {
    /// Per target: (file from the package's root, the type it extends, the property).
    static func files(of target: String, root: URL) throws -> [(String, String, String)] {
        switch target {
        case "Daemon":
            let assets = "Sources/Daemon/Web/Assets"
            let names = try FileManager.default.contentsOfDirectory(atPath: root.appending(path: assets).path).sorted()
            return [("docs/openapi.json", "OpenAPIDocument", "json")]
                + names.map { name in
                    // `overview.mustache` is `PageAssets.overview`, `page.css` is `PageAssets.pageCSS`.
                    let parts = name.split(separator: ".")
                    let base = String(parts.first ?? "")
                    let property = name.hasSuffix(".mustache") ? base : base + (parts.last.map { $0.uppercased() } ?? "")
                    return ("\(assets)/\(name)", "PageAssets", property)
                }
        case "Spec":
            return [("schemas/botops-v1.schema.json", "ScaffoldTemplates", "schema"),
                    ("examples/ci/github-actions.yml", "ScaffoldTemplates", "githubActions"),
                    ("examples/ci/gitlab-ci.yml", "ScaffoldTemplates", "gitlabCI")]
        default:
            return []
        }
    }

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        return try Self.files(of: target.name, root: root).map { path, type, property in
            let input = root.appending(path: path)
            let output = context.pluginWorkDirectoryURL.appending(path: "\(type)+\(property).swift")
            return .buildCommand(displayName: "Embedding \(path) in \(target.name)",
                                 executable: try context.tool(named: "botops-embed").url,
                                 arguments: [input.path, output.path, type, property],
                                 inputFiles: [input], outputFiles: [output])
        }
    }
}

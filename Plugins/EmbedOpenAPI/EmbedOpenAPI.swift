import Foundation
import PackagePlugin

/// Makes docs/openapi.json, the one copy of the daemon's API document, part of the Daemon module at
/// build time (`OpenAPIDocument.json`), so the served document and the documented one cannot differ.
@main
struct EmbedOpenAPI: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let input = context.package.directoryURL.appending(path: "docs/openapi.json")
        let output = context.pluginWorkDirectoryURL.appending(path: "OpenAPIDocument+JSON.swift")
        return [.buildCommand(displayName: "Embedding docs/openapi.json in \(target.name)",
                              executable: try context.tool(named: "botops-embed").url,
                              arguments: [input.path, output.path, "OpenAPIDocument", "json"],
                              inputFiles: [input], outputFiles: [output])]
    }
}

import Foundation

/// Where things go in a configuration repository, as `botops init` makes it and `botops import` writes into
/// it: the configuration in its own folder (CI files stay outside what the loader reads), one folder per
/// kind, and the JSON Schema at the repository's root, named from every YAML file by a relative path.
public struct ConfigLayout: Sendable, Hashable {
    /// The configuration folder of a repository `init` made.
    public static let configFolder = "fleet"
    /// The schema's path from the repository's root.
    public static let schemaPath = "schemas/botops-v1.schema.json"

    /// The folder the loader reads (holds `botops.yaml`).
    public let configRoot: String
    /// The schema file, when the repository has one.
    public let schemaFile: String?

    public init(configRoot: String, schemaFile: String?) {
        self.configRoot = configRoot
        self.schemaFile = schemaFile
    }

    /// The layout of `directory`: a repository `init` made (with `fleet/`), a configuration folder itself
    /// (with `botops.yaml`), or a new one (then laid out as `init` would). The schema is looked for in
    /// the folder and the ones above it.
    public static func locate(_ directory: String) -> ConfigLayout {
        let manager = FileManager.default
        let base = URL(fileURLWithPath: directory).standardizedFileURL.path
        let nested = base + "/" + configFolder
        let root = manager.fileExists(atPath: base + "/botops.yaml") || !manager.fileExists(atPath: nested) && hasYAML(base)
            ? base : nested
        var folder = URL(fileURLWithPath: root)
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent(schemaPath).path
            if manager.fileExists(atPath: candidate) { return ConfigLayout(configRoot: root, schemaFile: candidate) }
            folder.deleteLastPathComponent()
        }
        return ConfigLayout(configRoot: root, schemaFile: nil)
    }

    private static func hasYAML(_ folder: String) -> Bool {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: folder).contains(where: ConfigFileFilter.isConfigFile(name:))
        } catch {
            return false  // a folder that does not exist yet is a new repository
        }
    }

    /// The folder of a kind's documents: `bots`, `channels`, `containers`...
    public static func folder(of kind: ResourceKind) -> String { kind.rawValue.lowercased() + "s" }

    /// The path, relative to the configuration folder, of a document of `kind` named `name`.
    public static func documentPath(_ kind: ResourceKind, _ name: String) -> String {
        kind == .project ? "botops.yaml" : "\(folder(of: kind))/\(name).yaml"
    }

    /// The first line of a file at `relativePath` in the configuration folder: the schema for editors,
    /// offline; nil without a schema.
    public func schemaLine(for relativePath: String) -> String? {
        guard let schemaFile else { return nil }
        let from = URL(fileURLWithPath: configRoot + "/" + relativePath).deletingLastPathComponent().standardizedFileURL.pathComponents
        let to = URL(fileURLWithPath: schemaFile).standardizedFileURL.pathComponents
        let common = zip(from, to).prefix { $0 == $1 }.count
        let relative = Array(repeating: "..", count: from.count - common) + to[common...]
        return "# yaml-language-server: $schema=" + relative.joined(separator: "/")
    }
}

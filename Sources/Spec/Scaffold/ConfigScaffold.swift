import Foundation

/// The files of a new configuration repository (`botops init`): the Project with its defaults written out
/// and commented, a folder per kind, the JSON Schema for editors, a `.gitignore` for the state folder and
/// the CI workflow botops documents.
public struct ConfigScaffold: Sendable {
    /// The CI the repository gets.
    public enum CI: String, Sendable, CaseIterable {
        case github, gitlab, none
    }

    /// The Project's name: a DNS label.
    public let project: String
    public let ci: CI

    /// - Throws: when `project` is not a valid name.
    public init(project: String, ci: CI = .github) throws(GeneratedFileError) {
        guard SpecSyntax.isDNSLabel(project) else {
            throw GeneratedFileError(.invalidName, "'\(project)' cannot name the Project: use lowercase letters, digits and '-', "
                + "starting and ending with a letter or digit (at most 63); pass --name")
        }
        self.project = project
        self.ci = ci
    }

    /// A Project name made from a folder's name (`Acme Bots` → `acme-bots`); nil when nothing usable is left.
    public static func projectName(fromFolder folder: String) -> String? {
        ResourceMetadata.name(from: URL(fileURLWithPath: folder).standardizedFileURL.lastPathComponent)
    }

    /// The kinds a folder is made for.
    public static let kindFolders: [ResourceKind] = [.bot, .webhook, .channel, .container, .schedule, .booster]

    /// Every file, by its path from the repository's root.
    public var files: [GeneratedFile] {
        let config = ConfigLayout.configFolder
        var files = [
            GeneratedFile(path: ".gitignore", text: "# botops' file state and lock (use `state: postgres` to share it between machines)\n.botops/\n"),
            GeneratedFile(path: ConfigLayout.schemaPath, text: ScaffoldTemplates.schema + "\n"),
            GeneratedFile(path: "\(config)/botops.yaml", text: projectDocument),
        ]
        for kind in Self.kindFolders {
            files.append(GeneratedFile(path: "\(config)/\(ConfigLayout.folder(of: kind))/.gitkeep", text: ""))
        }
        switch ci {
        case .github: files.append(GeneratedFile(path: ".github/workflows/botops.yml", text: ScaffoldTemplates.githubActions + "\n"))
        case .gitlab: files.append(GeneratedFile(path: ".gitlab-ci.yml", text: ScaffoldTemplates.gitlabCI + "\n"))
        case .none: break
        }
        return files
    }

    private var projectDocument: String {
        """
        # yaml-language-server: $schema=../\(ConfigLayout.schemaPath)
        #
        # The Project: settings for the whole configuration. Every value below is the default, written out so you
        # see what you may change. Documents go in the folder of their kind (bots/, webhooks/, channels/,
        # containers/, schedules/, boosters/); any *.yaml below this folder is read. `botops import` writes
        # what already runs; `botops validate \(ConfigLayout.configFolder)` checks it.
        apiVersion: botops/v1
        kind: Project
        metadata:
          name: \(project)
        spec:
          telegram:
            apiURL: https://api.telegram.org
          docker:
            engines:
              default:
                host: unix:///var/run/docker.sock
          # Where botops records what it owns: `file` keeps .botops/ next to this file (one machine);
          # `postgres` keeps it in the database below, locked, for CI and replicas.
          state: file
          # Delete what git no longer declares, at most maxDeletes resources in one run.
          prune: true
          maxDeletes: 10
          # The daemon's event log: what it saw happen, per bot (botops events, the fleet page).
          events:
            retentionDays: \(EventSettings.defaultRetentionDays)
            backlogThreshold: \(EventSettings.defaultBacklogThreshold)
          # postgres:
          #   url: {fromEnv: DATABASE_URL}
          #   schema: botops
          # notifications:
          #   - telegram: {bot: <a bot's name>, chatId: "-100...", events: [drift-healed, pass-failed, degraded]}

        """
    }
}

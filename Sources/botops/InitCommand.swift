import ArgumentParser
import Foundation
import Spec

/// `botops init`: a new configuration repository, laid out as botops' examples assume.
struct InitCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make a configuration repository: fleet/botops.yaml, a folder per kind, the JSON Schema, CI and .gitignore.",
        discussion: "Never overwrites: if any file it would write exists, it writes nothing and names them."
    )

    @Argument(help: ArgumentHelp("The repository's folder (made when missing).", valueName: "dir"))
    var directory = "."

    @Option(help: "The Project's name; default: made from the folder's name.")
    var name: String?

    @Option(help: "The CI workflow to write: github (.github/workflows/botops.yml), gitlab (.gitlab-ci.yml) or none.")
    var ci: ConfigScaffold.CI = .github

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        try await Terminal.reporting {
            guard let project = name ?? ConfigScaffold.projectName(fromFolder: directory) else {
                throw ValidationError("no Project name can be made from the folder's name; pass --name")
            }
            let files = try ConfigScaffold(project: project, ci: ci).files
            try files.write(into: directory)
            let config = directory == "." ? ConfigLayout.configFolder : "\(directory)/\(ConfigLayout.configFolder)"
            Terminal.write("""
                Made \(files.count) files for Project \(project) in \(directory == "." ? "this folder" : directory).
                Next: botops import telegram --token-env BOT_TOKEN=<name> --out \(directory)
                      botops validate \(config)
                      botops plan \(config)

                """)
        }
    }
}

extension ConfigScaffold.CI: ExpressibleByArgument {}

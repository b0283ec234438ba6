import ArgumentParser
import Drivers
import Foundation
import Spec

/// `botops import docker`: containers that already run, as Container documents.
struct ImportDockerCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "docker",
        abstract: "Write Container documents for containers that already run, as they run.",
        discussion: """
            Environment values whose names look secret (*TOKEN*, *SECRET*, *PASSWORD*, *KEY*) or that hold a bot token are \
            written as {fromEnv: NAME} references and listed on standard error; their values are never written. The \
            containers carry no botops labels: the first apply takes them over with the --adopt flags import prints. \
            Never overwrites a file: if any file to write exists, nothing is written.
            """
    )

    @Option(help: "The Docker engine: a key of the Project's docker.engines in --out (default: default).")
    var engine = "default"

    @Option(help: ArgumentHelp("A container to import, by name. Repeatable.", valueName: "name"))
    var name: [String] = []

    @Option(help: ArgumentHelp("Import the containers carrying this label. Repeatable (all must match).", valueName: "key=value"))
    var label: [String] = []

    @Flag(help: "Import every container of the engine.")
    var all = false

    @Option(help: ArgumentHelp("The repository or configuration folder to write into.", valueName: "dir"))
    var out = "."

    @Option(help: ArgumentHelp("Docker engine address when the Project declares no docker.engines (default: DOCKER_HOST, "
        + "else unix:///var/run/docker.sock).", valueName: "url"))
    var dockerHost: String?

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        let chosen = [!name.isEmpty, !label.isEmpty, all].filter { $0 }.count
        guard chosen == 1 else { throw ValidationError("choose the containers with one of --name, --label or --all") }
        for pair in label where !pair.contains("=") { throw ValidationError("--label takes key=value, not '\(pair)'") }
    }

    func execute() async throws {
        try await Terminal.reporting {
            let layout = ConfigLayout.locate(out)
            let project = FileManager.default.fileExists(atPath: layout.configRoot + "/botops.yaml")
                ? try FleetSession.load(DirectorySource(root: layout.configRoot)).project
                : Project(metadata: ResourceMetadata(name: "import", location: SourceLocation(file: "botops.yaml", line: 1, column: 1)))
            let catalog = DriverCatalog(dockerHost: dockerHost ?? ProcessInfo.processInfo.environment["DOCKER_HOST"])
            let selection: DockerImporter.Selection
            if all {
                selection = .all
            } else if !label.isEmpty {
                selection = .labels(Dictionary(label.map { pair in
                    let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                    return (parts[0], parts.count > 1 ? parts[1] : "")
                }, uniquingKeysWith: { _, last in last }))
            } else {
                selection = .names(name)
            }
            let fleet = await DockerImporter(catalog: catalog, project: project, engine: engine,
                                             logger: CommandLogging.logger(verbose: false)).run(selection)
            await catalog.close()
            try await ImportReport(fleet: fleet, layout: layout, state: nil).finish()
        }
    }
}

import ArgumentParser
import Drivers
import Foundation
import Spec

/// `botops import rows`: another tool's rows as Schedule or Booster documents.
struct ImportRowsCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "rows",
        abstract: "Write Schedule or Booster documents from the rows of a query (a panel's tables, brought over once).",
        discussion: """
            Columns are read by the spec's field names, case and underscores aside (name, bot, cron, timezone, task, args, \
            enabled; or name, bot, channel, type, provider, settings, enabled): rename others in the query \
            (SELECT slug AS name, ...). The query runs in a read-only transaction. A row whose name a document already \
            declares is skipped and listed; a row that would not validate is named and not written.
            """
    )

    @Option(name: .customLong("from-query"), help: ArgumentHelp("The SELECT whose rows become documents.", valueName: "sql"))
    var query: String

    @Option(help: ArgumentHelp("The kind each row becomes: Schedule or Booster.", valueName: "kind"))
    var kind: String

    @Option(name: .customLong("database-url-env"), help: ArgumentHelp(
        "The environment variable holding the database URL (default: the Project's spec.postgres.url in --out).", valueName: "VAR"))
    var databaseURLEnv: String?

    @Option(help: ArgumentHelp("The repository or configuration folder to write into.", valueName: "dir"))
    var out = "."

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        try await Terminal.reporting {
            guard let resourceKind = [ResourceKind.schedule, .booster].first(where: { $0.rawValue.lowercased() == kind.lowercased() }) else {
                throw ValidationError("--kind must be Schedule or Booster, not '\(kind)'")
            }
            let layout = ConfigLayout.locate(out)
            let state = FileManager.default.fileExists(atPath: layout.configRoot + "/botops.yaml")
                ? try FleetSession.load(DirectorySource(root: layout.configRoot)) : nil
            let reference: SecretReference
            if let databaseURLEnv {
                reference = SecretReference(.environment(databaseURLEnv), location: SourceLocation(file: "--database-url-env", line: 1, column: 1))
            } else if let declared = state?.project.postgresURL {
                reference = declared
            } else {
                throw ValidationError("name the database: --database-url-env VAR, or a Project with spec.postgres.url in --out")
            }
            let url = try SecretResolver().resolve(reference)
            let declared = Set((state?.resources ?? [:]).keys.filter { $0.kind == resourceKind }.map(\.name))
            let fleet = await RowsImporter(url: url, logger: CommandLogging.logger(verbose: false))
                .run(query: query, kind: resourceKind, declared: declared)
            try await ImportReport(fleet: fleet, layout: layout, state: nil).finish()
        }
    }
}

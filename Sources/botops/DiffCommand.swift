import ArgumentParser
import Foundation
import Reconciler
import Spec

/// `botops diff`: what two revisions declare differently, without reading any live system or secret.
struct DiffCommand: LoggedCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what two revisions of the configuration declare differently (no live system, no secrets).",
        discussion: """
            For pull requests, including those from forks, where secrets are not available: both revisions are \
            validated, then compared resource by resource and field by field; secret references are shown as \
            written. Exit status: 0 no differences, 2 differences, 1 an error (an invalid revision included).
            """
    )

    @Argument(help: "The revision compared against (the pull request's base): a branch, tag or commit.")
    var base: String

    @Argument(help: "The revision with the changes.")
    var head: String = "HEAD"

    @Option(help: "The git repository (path or URL).")
    var repo: String = "."

    @Option(help: "The folder inside the repository that holds botops.yaml.")
    var path: String?

    @OptionGroup var git: GitAuthOptions

    @Option(help: "Output format: text, json, markdown or github (the text and GitHub Actions annotations).")
    var format: Format = .text

    @Option(help: ArgumentHelp("The largest configuration file read (default 4MiB).", valueName: "bytes|KiB|MiB"))
    var maxFileSize: String?

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, github
    }

    @OptionGroup var logging: LoggingOptions

    func execute() async throws {
        let limits = try ByteSize.limits(maxFileSize: maxFileSize)
        let (baseSource, baseFiles) = try read(base, limits: limits)
        let (headSource, headFiles) = try read(head, limits: limits)
        let diff = RevisionDiff(base: baseSource.commitID, head: headSource.commitID,
                                before: DeclaredDocument.read(baseFiles, limits: limits),
                                after: DeclaredDocument.read(headFiles, limits: limits))
        let renderer = RevisionDiffRenderer(pathPrefix: headSource.displayPrefix)
        switch format {
        case .text: Terminal.write(renderer.text(diff))
        case .json: Terminal.write(try renderer.json(diff))
        case .markdown: Terminal.write(renderer.markdown(diff))
        case .github: Terminal.write(renderer.github(diff))
        }
        if !diff.isEmpty { throw ExitCode(2) }
    }

    /// Opens and validates one revision; one that cannot be read or does not validate ends the
    /// command with its diagnostics and exit status 1, since a difference from it would mislead.
    private func read(_ revision: String, limits: SpecLimits) throws -> (GitRevisionSource, [SourceFile]) {
        let source: GitRevisionSource
        let files: [SourceFile]
        do {
            source = try GitRevisionSource(repository: repo, revision: revision, subdirectory: path,
                                           authentication: try git.authentication())
            files = try source.sourceFiles()
        } catch let error as ConfigSourceError {
            Terminal.error(error.message)
            throw ExitCode(1)
        }
        let result = SpecLoader(limits: limits).load(files: files, revision: source.commitID, assets: source)
        guard result.state != nil else {
            let report = DiagnosticReport(result, pathPrefix: source.displayPrefix)
            switch format {
            case .github: Terminal.write(report.github())
            case .json: Terminal.write(report.json())
            case .text, .markdown: Terminal.diagnostics(report)
            }
            Terminal.error("\(revision) (\(source.commitID.prefix(7))) does not validate, so it is not compared; fix the errors above")
            throw ExitCode(1)
        }
        return (source, files)
    }
}

import ArgumentParser
import Foundation
import Spec

/// Where the configuration comes from: a folder, or a git revision (`--repo`, `--ref`, `--path`).
struct SourceOptions: ParsableArguments {
    @Argument(help: "The configuration folder (holding botops.yaml).")
    var directory: String?

    @Option(help: "A git repository (path or URL) to read the configuration from, without a checkout.")
    var repo: String?

    @Option(help: "The revision to read with --repo: a branch, tag or commit.")
    var ref: String?

    @Option(help: "The folder inside the repository that holds botops.yaml.")
    var path: String?

    @OptionGroup var git: GitAuthOptions

    @Option(help: ArgumentHelp("The largest configuration file read (default 4MiB); a bigger one is refused.",
                               valueName: "bytes|KiB|MiB"))
    var maxFileSize: String?

    func validate() throws {
        _ = try limits()
        if repo != nil, directory != nil {
            throw ValidationError("give either a folder or --repo, not both")
        }
        if repo == nil, ref != nil || path != nil || !git.isEmpty {
            throw ValidationError("--ref, --path, --repo-token and --ssh-key go with --repo")
        }
        try git.validate()
    }

    /// Opens the source and loads it; a source that cannot be read at all (a missing folder, an
    /// unknown revision) is reported and ends the command with exit status 1.
    func load() throws -> (LoadResult, any ConfigSource) {
        do {
            let configSource = try makeSource()
            return (try SpecLoader(limits: try limits()).load(from: configSource), configSource)
        } catch let error as ConfigSourceError {
            Terminal.error(error.message)
            throw ExitCode(1)
        }
    }

    /// Opens the source without loading it; a source that cannot be opened is reported and ends the
    /// command with exit status 1.
    func open() throws -> any ConfigSource {
        do {
            return try makeSource()
        } catch let error as ConfigSourceError {
            Terminal.error(error.message)
            throw ExitCode(1)
        }
    }

    /// The reading limits, with `--max-file-size` applied.
    func limits() throws -> SpecLimits {
        try ByteSize.limits(maxFileSize: maxFileSize)
    }

    func makeSource() throws -> any ConfigSource {
        if let repo {
            return try GitRevisionSource(repository: repo, revision: ref ?? "HEAD", subdirectory: path,
                                         authentication: try git.authentication())
        }
        return DirectorySource(root: directory ?? ".")
    }
}

import ArgumentParser
import Foundation
import Spec

/// How a remote `--repo` is fetched: a token for https, a key (else ssh-agent) for ssh. Shared by every
/// command that reads a repository, so a private one can be planned, applied, reconciled and diffed alike.
struct GitAuthOptions: ParsableArguments {
    @Option(help: ArgumentHelp("A token for fetching an https --repo (sent as the password).", valueName: "env:NAME|file:PATH"))
    var repoToken: String?

    @Option(help: ArgumentHelp("An ssh private key file for fetching an ssh --repo (else ssh-agent).", valueName: "path"))
    var sshKey: String?

    @Option(help: ArgumentHelp("The passphrase of --ssh-key, when it has one.", valueName: "env:NAME|file:PATH"))
    var sshKeyPassphrase: String?

    /// Whether any was given (they need a `--repo`).
    var isEmpty: Bool { repoToken == nil && sshKey == nil && sshKeyPassphrase == nil }

    func validate() throws {
        if sshKeyPassphrase != nil, sshKey == nil { throw ValidationError("--ssh-key-passphrase goes with --ssh-key") }
        if let sshKey, !FileManager.default.isReadableFile(atPath: sshKey) {
            throw ValidationError("--ssh-key: cannot read \(sshKey)")
        }
        _ = try SecretOption.read(repoToken, option: "--repo-token")
        _ = try SecretOption.read(sshKeyPassphrase, option: "--ssh-key-passphrase")
    }

    /// The credentials, read from where the options point.
    func authentication() throws -> GitAuthentication {
        GitAuthentication(token: try SecretOption.read(repoToken, option: "--repo-token"), sshKeyPath: sshKey,
                          sshKeyPassphrase: try SecretOption.read(sshKeyPassphrase, option: "--ssh-key-passphrase"))
    }
}

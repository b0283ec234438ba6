/// How fetches of a remote repository authenticate, beyond what the URL carries: a token for
/// `https://` (sent as the password; the user is the URL's, or `botops`), a private key file for
/// `ssh://` (else ssh-agent). The values are secrets: they are never shown, logged or written into
/// the mirror.
public struct GitAuthentication: Sendable, Hashable {
    /// An access token for https (a GitHub or Gitea token, a GitLab personal or deploy token).
    public var token: String?
    /// The path of an ssh private key (OpenSSH format), with its passphrase when it has one.
    public var sshKeyPath: String?
    public var sshKeyPassphrase: String?

    public init(token: String? = nil, sshKeyPath: String? = nil, sshKeyPassphrase: String? = nil) {
        self.token = token
        self.sshKeyPath = sshKeyPath
        self.sshKeyPassphrase = sshKeyPassphrase
    }
}

import CGit2

/// The credential callback for fetching mirrors.
///
/// https credentials come from the URL itself (libgit2 uses a `user:token@` part without asking)
/// or from ``GitAuthentication/token``; ssh keys from ``GitAuthentication/sshKeyPath``, else from
/// ssh-agent. Each is offered once: libgit2 asks again after every rejection, and offering the same
/// credential again would fail the same way, forever.
enum GitCredentials {
    /// Per-fetch state passed through the callback's payload pointer, because a C callback
    /// cannot capture Swift values.
    struct Attempts {
        var authentication = GitAuthentication()
        /// Told of every callback, so a fetch that hears from its remote is not given up (see ``GitFetchWatch``).
        var watch: GitFetchWatch?
        var agent = 0
        var token = 0
        var key = 0
    }

    /// For the progress callbacks: 0 to go on, -1 (stop the fetch) once its caller gave up on it.
    static func alive(_ payload: UnsafeMutableRawPointer?) -> Int32 {
        guard let watch = payload?.assumingMemoryBound(to: Attempts.self).pointee.watch else { return 0 }
        return watch.touch() ? 0 : -1
    }

    /// A `git_credential_acquire_cb`. libgit2 calls it again after every rejected credential, so
    /// the agent is offered once; offering it again would fail the same way, forever.
    /// A token goes only over https, or plain http to this machine (a test server): never in clear
    /// across a network, whatever a redirect says.
    static func mayCarryToken(_ url: String) -> Bool {
        if url.hasPrefix("https://") { return true }
        guard url.hasPrefix("http://") else { return false }
        let rest = url.dropFirst("http://".count)
        let authority = rest.prefix { $0 != "/" }
        let hostAndPort = authority.split(separator: "@").last ?? authority
        let host = hostAndPort.hasPrefix("[") ? hostAndPort.prefix { $0 != "]" } + "]"
            : hostAndPort.prefix { $0 != ":" }
        return host == "127.0.0.1" || host == "localhost" || host == "[::1]"
    }

    static let acquire: git_credential_acquire_cb = { out, url, usernameFromURL, allowedTypes, payload in
        guard let out, let payload else { return GIT_PASSTHROUGH.rawValue }
        guard alive(payload) == 0 else { return -1 }
        let attempts = payload.assumingMemoryBound(to: Attempts.self)
        // `git` is the user every hosting service expects when the URL names none.
        let user = usernameFromURL.map { String(cString: $0) } ?? "git"
        if allowedTypes & GIT_CREDENTIAL_USERNAME.rawValue != 0 {
            return git_credential_username_new(out, user)
        }
        if allowedTypes & GIT_CREDENTIAL_USERPASS_PLAINTEXT.rawValue != 0, let token = attempts.pointee.authentication.token,
           attempts.pointee.token == 0, let url = url.map({ String(cString: $0) }), mayCarryToken(url) {
            attempts.pointee.token += 1
            return git_credential_userpass_plaintext_new(out, usernameFromURL.map { String(cString: $0) } ?? "botops", token)
        }
        if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, let key = attempts.pointee.authentication.sshKeyPath,
           attempts.pointee.key == 0 {
            attempts.pointee.key += 1
            return git_credential_ssh_key_new(out, user, nil, key, attempts.pointee.authentication.sshKeyPassphrase)
        }
        if allowedTypes & GIT_CREDENTIAL_SSH_KEY.rawValue != 0, attempts.pointee.agent == 0 {
            attempts.pointee.agent += 1
            return git_credential_ssh_key_from_agent(out, user)
        }
        return GIT_PASSTHROUGH.rawValue
    }
}

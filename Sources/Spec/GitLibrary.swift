import CGit2

/// Process-wide libgit2 set-up.
///
/// libgit2 must be initialised before any other call and initialising it is reference-counted,
/// so a lazily evaluated `static let` (which Swift runs exactly once, thread-safely) gives
/// "once per process" without a lock of our own. It is never shut down: sources may be read
/// at any time during the process's life.
enum GitLibrary {
    /// The result of `git_libgit2_init()`: the number of initialisations, or a negative error.
    private static let initResult: Int32 = git_libgit2_init()

    /// Initialises libgit2 if that has not happened yet; call before touching any `git_*` API.
    static func ensureInitialized() throws {
        if initResult < 0 {
            throw ConfigSourceError(.repositoryUnavailable,
                "libgit2 could not be initialised (\(GitErrorMessage.last(code: initResult))); check the libgit2 installation")
        }
    }
}

/// Where `--state` says the state is, read once from its text: `file:PATH`, `postgres` (the Project's database) or
/// a `postgres://` (`postgresql://`) URL.
public enum StateOverride: Sendable, Equatable {
    /// `file:PATH`.
    case file(path: String)
    /// `postgres`: the database the Project names.
    case projectDatabase
    /// A database URL.
    case url(String)

    /// What `text` names; nil when it is none of the three.
    public init?(parsing text: String) {
        if text.hasPrefix("file:") {
            self = .file(path: String(text.dropFirst("file:".count)))
        } else if text == "postgres" {
            self = .projectDatabase
        } else if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .url(text)
        } else {
            return nil
        }
    }
}

/// A failed Docker Engine API call: the HTTP status and the engine's message, or (status 0) no answer.
struct DockerAPIError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status; 0 when the engine did not answer.
    let status: Int
    let message: String
    /// No connection could be made: every call to this engine fails the same way this run.
    var unreachable: Bool = false
    /// Why no answer came (status 0): the connection failure in the client's words (`connection refused`).
    var reason: String?

    var description: String { status == 0 ? message : "\(message) (HTTP \(status))" }

    var isNotFound: Bool { status == 404 }
    var isConflict: Bool { status == 409 }
    /// A create refused because the name is held: Docker answers 409, podman 500 with "is already in use"
    /// and no other sign, so its words are read here and nowhere else.
    var isNameTaken: Bool { isConflict || (status == 500 && message.contains("already in use")) }
}

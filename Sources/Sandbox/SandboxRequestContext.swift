import Hummingbird
// NIOCore comes with Hummingbird; it is imported for `Channel`, which the sandbox closes to drop a
// connection without answering (the `drop` failure).
import NIOCore

/// Request context that keeps the connection's channel, so a request can be answered by closing it.
struct SandboxRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The connection the request arrived on.
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        coreContext = CoreRequestContextStorage(source: source)
        channel = source.channel
    }
}

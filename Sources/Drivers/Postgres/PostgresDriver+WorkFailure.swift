import Reconciler
import Spec

extension PostgresDriver {
    /// Why a connection's work did not happen or did not finish, before it is told for each address it was for
    /// (a read ahead is made before the plan knows its addresses).
    enum WorkFailure: Error, Sendable {
        /// Every address gets this code and message: no URL, a secret that does not resolve, an answer not understood.
        case each(ResourceError.Code, String, location: SourceLocation? = nil)
        /// The database could not be reached, or went silent.
        case unreachable(EndpointFailure)
        /// The work's own errors, each for its address (an apply's rows).
        case errors(ResourceErrors)

        /// This failure as each of `addresses`' error (the work's own errors as they are).
        func errors(for addresses: [ResourceAddress]) -> ResourceErrors {
            switch self {
            case let .each(code, message, location):
                return ResourceErrors(addresses.map { ResourceError(address: $0, code: code, message: message, location: location) })
            case let .unreachable(endpoint):
                return ResourceErrors(addresses.map { ResourceError(address: $0, unreachable: endpoint) })
            case let .errors(errors):
                return errors
            }
        }
    }
}

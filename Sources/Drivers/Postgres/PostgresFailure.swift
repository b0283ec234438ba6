import PostgresNIO

/// Short reasons for database errors. PostgresNIO hides details by default; what is taken from the
/// server (its message and SQLSTATE) never holds the password.
enum PostgresFailure {
    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if error.code == .connectionError {
                guard let underlying = error.underlying else { return "cannot connect" }
                let failure = ConnectionFailure(underlying)
                return failure.kind == .refused || failure.kind == .timedOut ? failure.text : "cannot connect"
            }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return reason(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        let failure = ConnectionFailure(error)
        return failure.kind == .refused ? failure.text : String(describing: error)
    }
}

import PostgresNIO

/// Short reasons for database errors. PostgresNIO hides details by default; what is taken from the
/// server (its message and SQLSTATE) never holds the password.
enum PostgresFailure {
    /// True when no connection could be made at all.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        if let error = error as? PSQLError { return error.code == .connectionError || error.code == .serverClosedConnection }
        let text = String(describing: error)
        return text.contains("connect") || text.contains("Connection refused")
    }

    static func reason(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                let state = error.serverInfo?[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
                return message + state
            }
            if error.code == .connectionError {
                let underlying = error.underlying.map { String(describing: $0) } ?? ""
                if underlying.contains("refused") { return "connection refused" }
                if underlying.contains("imeout") || underlying.contains("imedOut") { return "connection timed out" }
                return "cannot connect"
            }
            return "\(error.code)"
        }
        if let error = error as? PostgresTransactionError {
            return reason(error.closureError ?? error.commitError ?? error.beginError ?? error.rollbackError ?? error)
        }
        let text = String(describing: error)
        if text.contains("refused") { return "connection refused" }
        return text
    }
}

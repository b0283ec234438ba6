import PostgresNIO

extension PostgresStateStore {
    /// Runs `body` in one transaction on a connection of its own, botops' schema brought up to date first (its
    /// migrations take a transaction's lock, so replicas starting at once migrate once); rolled back when it throws,
    /// and its error, not the rollback's, is the one reported. `what` names it in the debug log.
    func inTransaction(_ what: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        try await withConnection { connection in
            do {
                try await connection.query("BEGIN", logger: logger)
                try await schema.migrate(on: connection, logger: logger)
                try await body(connection)
                try await connection.query("COMMIT", logger: logger)
            } catch {
                do {
                    try await connection.query("ROLLBACK", logger: logger)
                } catch let rollback {
                    // A failed rollback ends with the connection anyway.
                    logger.debug("a rollback failed", metadata: ["of": "\(what)", "error": "\(PostgresFailure.reason(rollback))"])
                }
                throw error
            }
        }
    }
}

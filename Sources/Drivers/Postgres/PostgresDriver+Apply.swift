import Foundation
import PostgresNIO
import Reconciler
import Spec

extension PostgresDriver {
    public func apply(_ change: PendingChange, context: DriverContext) async throws(ResourceError) -> ApplyOutcome {
        guard let result = await apply(batch: [change], context: context)[change.address] else {
            throw ResourceError(address: change.address, code: .applyFailed, message: "no result")
        }
        return try result.get()
    }

    /// Every change of the batch in one transaction (the schema migrated first, in it): one
    /// statement per table and action. A failure rolls all of it back and fails every change.
    public func apply(batch all: [PendingChange], context: DriverContext) async -> [ResourceAddress: Result<ApplyOutcome, ResourceError>] {
        let project = context.project.metadata.name
        let revision = context.revision
        var results: [ResourceAddress: Result<ApplyOutcome, ResourceError>] = [:]
        let batch = all
        guard !batch.isEmpty else { return results }
        let result = await withDatabase(context, addresses: batch.map(\.address), operation: .write) { connection, schema in
            try await connection.query("BEGIN", logger: context.logger)
            statements.add(1)
            do {
                try await schema.migrate(on: connection, logger: context.logger)
                statements.add(5)
                try await write(batch, connection: connection, schema: schema, project: project,
                                revision: revision, context: context)
                CrashHook.wrote("\(batch.count) rows written, not committed")
                // Where the state lives in this database too, the rows and their record commit
                // together: a crash between the two cannot leave rows the state does not know. The
                // URL resolved a moment ago to connect; if it no longer does, the engine's own
                // record after the commit still writes the entries.
                if let store = context.store as? any TransactionalStateStore, let location = try? currentLocation(context),
                   store.shares(location, schema: schema.name, project: project) {
                    try await store.write(InventoryDelta(Dictionary(uniqueKeysWithValues: batch.map { change in
                        (change.address, change.change.action == .delete ? nil : entry(for: change))
                    })), on: connection, under: context.lock)
                    statements.add(3)
                }
                try await connection.query("COMMIT", logger: context.logger)
                statements.add(1)
                CrashHook.wrote("\(batch.count) rows committed")
            } catch {
                // The error that made the run roll back is the one to report; a failed ROLLBACK adds nothing.
                _ = try? await connection.query("ROLLBACK", logger: context.logger)
                throw error
            }
        }
        switch result {
        case .success:
            for change in batch {
                results[change.address] = .success(ApplyOutcome(entry: change.change.action == .delete ? nil : entry(for: change),
                                                                writes: 1))
            }
        case let .failure(errors):
            let byAddress = Dictionary(errors.errors.map { ($0.address, $0) }, uniquingKeysWith: { first, _ in first })
            // What the database said about the statement that failed; the rest of the batch is rolled back with it.
            let cause = errors.errors.first
            for change in batch {
                results[change.address] = .failure(byAddress[change.address].map { error in
                    error.code == .readFailed || error.code == .conflict ? ResourceError(address: error.address, code: error.code == .conflict
                        ? .conflict : .applyFailed, message: error.message, location: change.desired?.location) : error
                } ?? ResourceError(address: change.address, code: .applyFailed,
                                   message: "rolled back with its batch: \(cause?.message ?? "the transaction failed")",
                                   location: change.desired?.location))
            }
        }
        return results
    }

    /// What the inventory holds for a row botops wrote, as the engine records it.
    private func entry(for change: PendingChange) -> InventoryEntry {
        InventoryEntry(address: change.address, attributes: change.desired?.attributes ?? [:],
                       dependsOn: change.desired?.dependsOn ?? [], lane: change.change.lane, batch: change.change.batch)
    }

    /// Where the Project's database is, for comparing with the state store's.
    private func currentLocation(_ context: DriverContext) throws -> PostgresLocation? {
        guard let reference = context.project.postgresURL else { return nil }
        return try PostgresLocation(url: try context.secrets.resolve(reference))
    }

    /// One statement per table and action: deletions, then upserts of each table.
    private func write(_ batch: [PendingChange], connection: PostgresConnection, schema: PostgresSchema,
                       project: String, revision: String?, context: DriverContext) async throws {
        let rows = RowWriter(connection: connection, schema: schema, project: project, revision: revision, logger: context.logger,
                             statements: statements)
        try await rows.delete(batch.filter { $0.change.action == .delete })
        let upserts = batch.filter { $0.change.action != .delete }
        try await rows.upsertSchedules(upserts.compactMap { $0.desired?.input(as: ScheduleInput.self)?.schedule })
        try await rows.upsertBoosters(upserts.compactMap { $0.desired?.input(as: BoosterInput.self)?.booster })
        try await rows.upsertRecords(upserts.filter { $0.address.kind == .botRecord }.compactMap { change in
            change.desired.map { (change.address.name, $0.value) }
        })
        try await rows.upsertChannels(upserts.filter { $0.address.kind == .channelRecord }.compactMap { change in
            change.desired.map { (change.address.name, $0.value) }
        })
    }
}

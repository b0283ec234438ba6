import Foundation
import Logging
import NIOCore
import PostgresNIO
import Reconciler
import Spec

/// Keeps the inventory, the fingerprint key, the applied revision and the run history in botops'
/// schema of the Project's database (`state: postgres`), one row set per Project, so several
/// daemons and CI runners share one state.
///
/// Loading reads with no lock and writes nothing (before the first apply the schema may not exist:
/// then the state is fresh). The write lock is a session-level advisory lock on a connection held
/// for the run (``PostgresStateLock``); every write goes through that connection and is refused
/// once it is gone. Each delta is one transaction.
public struct PostgresStateStore: StateStore {
    let location: PostgresLocation
    let schema: PostgresSchema
    let project: String
    let historyLimit: Int
    let connectTimeout: TimeAmount
    let logger: Logger
    /// How entries and runs are written to their rows and read back.
    let coding: StateCoding

    public init(url: String, schema: String = "botops", project: String, historyLimit: Int = 200,
                connectTimeout: TimeAmount = .seconds(5), logger: Logger = Logger(label: "botops.state"),
                kinds: KindRegistry = .standard) throws {
        coding = StateCoding(kinds: kinds)
        location = try PostgresLocation(url: url)
        self.schema = PostgresSchema(name: schema)
        self.project = project
        self.historyLimit = max(1, historyLimit)
        self.connectTimeout = connectTimeout
        self.logger = logger
    }

    public var description: String { "\(location) (schema \(schema.name))" }
    func table(_ name: String) -> String { #""\#(schema.name)".\#(name)"# }
    private var lockKey: String { "botops-run:\(schema.name):\(project)" }

    func connect() async throws -> PostgresConnection {
        do {
            return try await PostgresConnection.connect(configuration: try location.configuration(connectTimeout: connectTimeout),
                                                        id: 2, logger: logger)
        } catch {
            throw StateStoreError(store: description, message: "cannot connect: \(PostgresFailure.reason(error))")
        }
    }

    /// Runs `body` on a connection of its own; closing it afterwards is best effort.
    func withConnection<R>(_ body: (PostgresConnection) async throws -> R) async throws -> R {
        let connection = try await connect()
        do {
            let result = try await body(connection)
            try? await connection.close()
            return result
        } catch let error as StateStoreError {
            try? await connection.close()
            throw error
        } catch {
            try? await connection.close()
            throw StateStoreError(store: description, message: PostgresFailure.reason(error))
        }
    }

    public func load() async throws -> Inventory {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 2 else { return Inventory() }
            if version > PostgresSchema.knownVersion { throw StateStoreError(store: description,
                message: PostgresSchemaTooNew(schema: schema.name, version: version).description) }
            return try await read(on: connection)
        }
    }

    private func read(on connection: PostgresConnection) async throws -> Inventory {
        var inventory = Inventory()
        let meta = try await connection.query("""
            SELECT fingerprint_key, revision, applied_at FROM \(unescaped: table("state")) WHERE project = \(project)
            """, logger: logger)
        for try await (key, revision, appliedAt) in meta.decode((String?, String?, Date?).self) {
            inventory.fingerprintKey = key
            inventory.revision = revision
            inventory.appliedAt = appliedAt
        }
        let rows = try await connection.query("""
            SELECT entry::text FROM \(unescaped: table("state_resources")) WHERE project = \(project)
            """, logger: logger)
        let decoder = coding.decoder(), reader = StateJSONReader(kinds: coding.kinds)
        var interner = JSONInterner()
        for try await text in rows.decode(String.self) {
            let entry = try reader.entry(text, interner: &interner) ?? decoder.decode(InventoryEntry.self, from: Data(text.utf8))
            inventory.resources[entry.address] = entry
        }
        return inventory
    }

    public func lock(timeout: Duration, run: RunInfo) async throws -> any StateLock {
        let connection = try await connect()
        do {
            // The schema is brought up to date by whoever first takes the lock.
            try await connection.query("BEGIN", logger: logger)
            try await schema.migrate(on: connection, logger: logger)
            try await connection.query("COMMIT", logger: logger)
            let clock = ContinuousClock()
            let start = clock.now
            while true {
                var taken = false
                for try await value in try await connection.query("SELECT pg_try_advisory_lock(hashtext(\(lockKey)))", logger: logger)
                    .decode(Bool.self) { taken = value }
                if taken { break }
                let waited = clock.now - start
                guard waited < timeout else {
                    let holder = try await currentHolder(connection)
                    try? await connection.close()
                    throw StateLockError(store: description, holder: holder, waited: waited)
                }
                try await Task.sleep(for: min(.milliseconds(100), timeout - waited))
            }
            let holder = String(decoding: try JSONEncoder().encode(run), as: UTF8.self)
            var generation: Int64 = 0
            for try await value in try await connection.query("""
                INSERT INTO \(unescaped: table("state_locks")) (project, holder, since, generation)
                VALUES (\(project), \(holder)::jsonb, now(), 1)
                ON CONFLICT (project) DO UPDATE
                  SET holder = EXCLUDED.holder, since = EXCLUDED.since, generation = \(unescaped: table("state_locks")).generation + 1
                RETURNING generation
                """, logger: logger).decode(Int64.self) { generation = value }
            let lock = PostgresStateLock(run: run, connection: connection, key: lockKey, holders: table("state_locks"),
                                         project: project, generation: generation, logger: logger)
            return lock
        } catch let error as StateLockError {
            throw error
        } catch {
            try? await connection.close()
            throw StateStoreError(store: description, message: PostgresFailure.reason(error))
        }
    }

    private func currentHolder(_ connection: PostgresConnection) async throws -> RunInfo? {
        let rows = try await connection.query("SELECT holder::text FROM \(unescaped: table("state_locks")) WHERE project = \(project)",
                                              logger: logger)
        var holder: RunInfo?
        // Only to name the holder in the message; the refusal stands whether or not it can be read.
        for try await text in rows.decode(String.self) { holder = try? JSONDecoder().decode(RunInfo.self, from: Data(text.utf8)) }
        return holder
    }

    private func held(_ lock: any StateLock) async throws -> PostgresStateLock {
        guard let lock = lock as? PostgresStateLock, lock.key == lockKey else {
            throw StateStoreError(store: description, message: "written under a lock of another store")
        }
        guard await lock.isHeld() else { throw StateLockLostError(store: description) }
        return lock
    }

    public func record(_ delta: InventoryDelta, under lock: any StateLock) async throws {
        let held = try await held(lock), connection = held.connection
        do {
            try await held.answering(store: description) {
                try await connection.query("BEGIN", logger: logger)
                try await write(delta, on: connection, under: lock)
                try await connection.query("COMMIT", logger: logger)
            }
            CrashHook.wrote("state rows committed")
        } catch let error as StateLockLostError {
            throw error
        } catch {
            await held.rollBack()
            if connection.isClosed { throw StateLockLostError(store: description) }
            throw StateStoreError(store: description, message: PostgresFailure.reason(error))
        }
    }

    /// True when `location` and `schema` are this store's database and schema, so a driver writing
    /// rows there can record them in its own transaction (``write(_:on:)``).
    func shares(_ other: PostgresLocation, schema other2: String, project: String) -> Bool {
        location.description == other.description && schema.name == other2 && self.project == project
    }

    /// The statements of ``record(_:under:)`` inside the caller's transaction on `connection`, first fenced by
    /// `lock`'s generation (see ``fence(_:on:)``).
    func write(_ delta: InventoryDelta, on connection: PostgresConnection, under lock: (any StateLock)?) async throws {
        try await fence(lock, on: connection)
        let encoder = coding.encoder(pretty: false)
        let addresses = delta.upserts.map(\.address.description)
        let entries = try delta.upserts.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        try await connection.query("""
            INSERT INTO \(unescaped: table("state")) (project) VALUES (\(project)) ON CONFLICT (project) DO NOTHING
            """, logger: logger)
        if !entries.isEmpty {
            try await connection.query("""
                INSERT INTO \(unescaped: table("state_resources")) (project, address, entry)
                SELECT \(project), v.address, v.entry::jsonb FROM unnest(\(addresses)::text[], \(entries)::text[]) AS v(address, entry)
                ON CONFLICT (project, address) DO UPDATE SET entry = EXCLUDED.entry
                """, logger: logger)
        }
        if !delta.removals.isEmpty {
            try await connection.query("""
                DELETE FROM \(unescaped: table("state_resources"))
                WHERE project = \(project) AND address = ANY(\(delta.removals.map(\.description)))
                """, logger: logger)
        }
        if let key = delta.fingerprintKey {
            try await connection.query("UPDATE \(unescaped: table("state")) SET fingerprint_key = \(key) WHERE project = \(project)",
                                       logger: logger)
        }
        if let completed = delta.completed {
            try await connection.query("""
                UPDATE \(unescaped: table("state")) SET revision = \(completed.revision), applied_at = \(completed.at)
                WHERE project = \(project)
                """, logger: logger)
        }
    }

    public func finish(_ run: RunRecord, under lock: any StateLock) async throws {
        let held = try await held(lock), connection = held.connection
        let run = run.locked(at: lock.acquiredAt)
        let record = String(decoding: try coding.encoder(pretty: false).encode(run), as: UTF8.self)
        do {
            try await held.answering(store: description) {
                try await connection.query("BEGIN", logger: logger)
                try await fence(lock, on: connection)
                try await connection.query("""
                    INSERT INTO \(unescaped: table("runs")) (id, project, started_at, finished_at, result, record)
                    VALUES (\(run.run.id), \(project), \(run.run.startedAt), \(run.finishedAt), \(run.result.rawValue), \(record)::jsonb)
                    ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, finished_at = EXCLUDED.finished_at, result = EXCLUDED.result
                    """, logger: logger)
                try await connection.query("""
                    DELETE FROM \(unescaped: table("runs")) WHERE project = \(project) AND id NOT IN (
                      SELECT id FROM \(unescaped: table("runs")) WHERE project = \(project) ORDER BY seq DESC LIMIT \(historyLimit))
                    """, logger: logger)
                try await connection.query("COMMIT", logger: logger)
            }
        } catch let error as StateLockLostError {
            await held.rollBack()
            throw error
        } catch {
            await held.rollBack()
            if connection.isClosed { throw StateLockLostError(store: description) }
            throw StateStoreError(store: description, message: PostgresFailure.reason(error))
        }
    }

    /// The fencing token: inside the caller's transaction, the Project's lock row still carries the generation
    /// `lock` was granted with, or another run has taken the lock since (this one was cut off from the database
    /// and the server let its session go) and nothing of this transaction may be written. `FOR SHARE` holds a
    /// new holder's taking of the lock until this transaction ends, so the two never interleave.
    func fence(_ lock: (any StateLock)?, on connection: PostgresConnection) async throws {
        guard let lock = lock as? PostgresStateLock, lock.key == lockKey else { return }
        var current: Int64?
        let rows = try await connection.query("""
            SELECT generation FROM \(unescaped: table("state_locks")) WHERE project = \(project) FOR SHARE
            """, logger: logger)
        for try await value in rows.decode(Int64.self) { current = value }
        guard current == lock.generation else {
            lock.fenced()
            throw StateLockLostError(store: description)
        }
    }

    public func history(limit: Int) async throws -> [RunRecord] {
        try await withConnection { connection in
            guard let version = try await schema.version(on: connection, logger: logger), version >= 2 else { return [] }
            let rows = try await connection.query("""
                SELECT record::text FROM \(unescaped: table("runs")) WHERE project = \(project) ORDER BY seq DESC LIMIT \(limit)
                """, logger: logger)
            let decoder = coding.decoder()
            var records: [RunRecord] = []
            for try await text in rows.decode(String.self) {
                records.append(try decoder.decode(RunRecord.self, from: Data(text.utf8)))
            }
            return records
        }
    }
}

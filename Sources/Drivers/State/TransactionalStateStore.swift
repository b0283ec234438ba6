import PostgresNIO
import Reconciler

/// A state store that can record a delta inside a transaction a driver holds on a database it shares
/// with the store, so the rows the driver writes and their record commit together: a crash between the
/// two cannot leave rows the state does not know. A capability a driver asks the run's store for,
/// never a concrete store type it down-casts to.
protocol TransactionalStateStore: StateStore {
    /// True when the database at `location`, its `schema` and `project` are this store's.
    func shares(_ location: PostgresLocation, schema: String, project: String) -> Bool
    /// The statements of ``StateStore/record(_:under:)`` inside the caller's transaction on `connection`, fenced
    /// by `lock`: they fail (and so roll the transaction back) when another run has taken the lock since.
    func write(_ delta: InventoryDelta, on connection: PostgresConnection, under lock: (any StateLock)?) async throws
}

extension PostgresStateStore: TransactionalStateStore {}

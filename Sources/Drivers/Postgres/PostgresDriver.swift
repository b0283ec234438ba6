import Foundation
import Logging
import NIOCore
import PostgresNIO
import Reconciler
import Spec
import Synchronization

/// Manages Schedules and Boosters as rows in botops' own schema (`postgres.schema`, default
/// `botops`), where workers and admin panels read them, and a registry row per Bot (BotRecord, which
/// the loader derives: its Telegram id and username, how it gets updates, the container that runs it).
///
/// Rows botops manages carry the Project's name in `managed_by`; any other row is never touched,
/// and a declared name taken by one is an error. Every row change of a run is written in one
/// transaction with one set-based statement per table and action (all changes share one batch key).
public struct PostgresDriver: Driver {
    public let name = "postgres"
    public let kinds: Set<ResourceKind> = [.schedule, .booster, .botRecord, .channelRecord]
    let connectTimeout: TimeAmount
    /// How long one connection's work (a plan's reads, or an apply's whole transaction) may go unanswered.
    let answerDeadline: Duration
    let breaker: EndpointBreaker
    /// Statements sent, for the benchmark's round-trip count.
    let statements: StatementCounter
    /// Told of each connection's work, a read or a write (the daemon's metrics); nil tells nobody.
    let recorder: (any CallRecorder)?

    static let batchKey = "postgres"

    /// The default ``answerDeadline``: a database that heard a question and went silent (a link cut without a
    /// reset, a server frozen) would otherwise hold a plan, or an apply and its lock, for as long as the
    /// connection lives. Ample for 12,000 rows written in one transaction (3 s here).
    public static let defaultAnswerDeadline = Duration.seconds(60)

    public init(connectTimeout: TimeAmount = .seconds(5), answerDeadline: Duration = PostgresDriver.defaultAnswerDeadline,
                breaker: EndpointBreaker, statements: StatementCounter = StatementCounter(), recorder: (any CallRecorder)? = nil) {
        self.recorder = recorder
        self.connectTimeout = connectTimeout
        self.answerDeadline = answerDeadline
        self.breaker = breaker
        self.statements = statements
    }

    /// Opens a connection to the Project's database for `body`, or says why it cannot, for every address.
    /// See ``connected(_:operation:_:)``.
    func withDatabase<R: Sendable>(_ context: DriverContext, addresses: [ResourceAddress], operation: Operation,
                                   _ body: @escaping @Sendable (PostgresConnection, PostgresSchema) async throws -> R)
        async -> Result<R, ResourceErrors> {
        await connected(context, operation: operation, body).mapError { $0.errors(for: addresses) }
    }

    /// Opens a connection to the Project's database for `body`, or says why it cannot. `operation` labels the
    /// call for the ``CallRecorder``; a call that never got as far as connecting (no URL, an unresolvable
    /// secret) is not one. A `body` not done within ``answerDeadline`` is left behind (see ``AnswerDeadline``),
    /// its connection closed, and the database reported unreachable: a transaction then rolls back on the
    /// server unless its COMMIT was already heard.
    func connected<R: Sendable>(_ context: DriverContext, operation: Operation,
                                _ body: @escaping @Sendable (PostgresConnection, PostgresSchema) async throws -> R)
        async -> Result<R, WorkFailure> {
        func record(_ result: LiveCall.Result) {
            recorder?.recordCall(LiveCall(.postgres, operation: operation.rawValue, result: result))
        }
        let location: PostgresLocation, configuration: PostgresConnection.Configuration
        switch database(context) {
        case let .success((found, made)): (location, configuration) = (found, made)
        case let .failure(error): return .failure(.each(error.code, error.message, location: error.location))
        }
        func unreachable(_ reason: EndpointFailure.Reason, _ detail: String) -> Result<R, WorkFailure> {
            record(.unreachable)
            return .failure(.unreachable(EndpointFailure(endpoint: "the database at \(location)", reason: reason, detail: detail)))
        }
        if let reason = await breaker.down() { return unreachable(.markedDown, reason) }
        let schema = PostgresSchema(name: context.project.postgresSchema)
        let started = ContinuousClock.now
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: context.logger)
        } catch {
            let reason = PostgresFailure.reason(error)
            _ = await breaker.failed(started: started, reason: reason)
            return unreachable(.noAnswer, reason)
        }
        await breaker.succeeded()
        // Closing is best effort: what the body returned (or threw) is the run's answer either way.
        let result: Result<R, WorkFailure>
        guard let answer = await AnswerDeadline.answer(within: answerDeadline, { try await body(connection, schema) }) else {
            // Closed apart: on a silent link even the close need not come back soon.
            let logger = context.logger
            Task {
                do {
                    try await connection.close()
                } catch {
                    logger.debug("closing a connection given up on failed", metadata: ["error": "\(error)"])
                }
            }
            let reason = "no answer within \(answerDeadline.components.seconds) s"
                + (operation == .write ? "; the transaction is rolled back unless its COMMIT was heard, and the next plan reads what is there" : "")
            _ = await breaker.failed(started: started, reason: reason)
            return unreachable(.noAnswer, reason)
        }
        do {
            result = .success(try answer.get())
        } catch let error as ResourceErrors {
            result = .failure(.errors(error))
        } catch let error as PostgresSchemaTooNew {
            result = .failure(.each(.readFailed, error.description))
        } catch {
            result = .failure(.each(.readFailed, "the database at \(location) answered: \(PostgresFailure.reason(error))"))
        }
        try? await connection.close()
        if case .success = result { record(.ok) } else { record(.error) }
        return result
    }

    /// What a connection is opened for; its name is the `operation` label of the Postgres metrics.
    enum Operation: String {
        case read, write
    }

    /// Why the database cannot even be tried: no URL, a secret that does not resolve, a URL that does not parse.
    struct Unprepared: Error {
        let code: ResourceError.Code
        let message: String
        let location: SourceLocation?
    }

    /// Where the Project's database is and how to connect to it.
    private func database(_ context: DriverContext) -> Result<(PostgresLocation, PostgresConnection.Configuration), Unprepared> {
        guard let reference = context.project.postgresURL else {
            return .failure(Unprepared(code: .notConfigured, message: "the Project does not set spec.postgres.url", location: nil))
        }
        let url: String
        do {
            url = try context.secrets.resolve(reference)
        } catch {
            return .failure(Unprepared(code: .secretUnavailable, message: error.message, location: reference.location))
        }
        do {
            let location = try PostgresLocation(url: url)
            return .success((location, try location.configuration(connectTimeout: connectTimeout)))
        } catch {
            return .failure(Unprepared(code: .readFailed, message: "\(error) (in \(reference))", location: reference.location))
        }
    }
}

/// Counts the statements a driver sends, for the benchmark.
public final class StatementCounter: Sendable {
    private let count = Synchronization.Atomic<Int>(0)
    public init() {}
    func add(_ n: Int = 1) { count.add(n, ordering: .relaxed) }
    public var value: Int { count.load(ordering: .relaxed) }
}

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
    public let kinds: Set<ResourceKind> = [.schedule, .booster, .botRecord]
    let connectTimeout: TimeAmount
    let breaker: EndpointBreaker
    /// Statements sent, for the benchmark's round-trip count.
    let statements: StatementCounter
    /// Told of each connection's work, a read or a write (the daemon's metrics); nil tells nobody.
    let recorder: (any CallRecorder)?

    static let batchKey = "postgres"

    init(connectTimeout: TimeAmount = .seconds(5), breaker: EndpointBreaker, statements: StatementCounter = StatementCounter(),
         recorder: (any CallRecorder)? = nil) {
        self.recorder = recorder
        self.connectTimeout = connectTimeout
        self.breaker = breaker
        self.statements = statements
    }

    public func desired(in context: DriverContext) -> DesiredSet {
        var resources: [DesiredResource] = []
        for schedule in context.declared(Schedule.self) {
            resources.append(DesiredResource(
                address: schedule.address, value: PostgresRows.schedule(schedule),
                dependsOn: schedule.metadata.dependsOn + schedule.references.map(\.address),
                batch: Self.batchKey, location: schedule.metadata.location, input: ScheduleInput(schedule: schedule)))
        }
        for booster in context.declared(Booster.self) {
            resources.append(DesiredResource(
                address: booster.address, value: PostgresRows.booster(booster),
                dependsOn: booster.metadata.dependsOn + booster.references.map(\.address),
                batch: Self.batchKey, location: booster.metadata.location, input: BoosterInput(booster: booster)))
        }
        var failures: [ResourceError] = []
        // The loader derives registry rows only where there is a database.
        for record in context.declared(BotRecord.self) {
            do throws(ResourceError) {
                resources.append(try botRecord(record, context: context))
            } catch {
                failures.append(error)
            }
        }
        guard !resources.isEmpty, context.project.postgresURL == nil else { return DesiredSet(resources, failures: failures) }
        // Declared rows with nowhere to keep them: each is unknown, pointing at its declaration.
        return DesiredSet(failures: resources.map {
            ResourceError(address: $0.address, code: .notConfigured,
                          message: "\($0.address.kind.rawValue)s are kept in Postgres; set spec.postgres.url in the Project",
                          location: $0.location)
        })
    }

    /// The registry row of a bot. Its Telegram id is the number before the token's colon (a bot's public
    /// user id, not a secret); its username is Telegram's, read from the Bot's live details (see
    /// ``complete(_:reading:)``).
    func botRecord(_ record: BotRecord, context: DriverContext) throws(ResourceError) -> DesiredResource {
        let address = record.address
        let token = try context.resolve(record.token, for: address)
        guard let id = token.split(separator: ":").first.flatMap({ Int($0) }) else {
            throw ResourceError(address: address, code: .secretUnavailable,
                                message: "the token in \(record.token) is not a bot token (<id>:<secret>)", location: record.token.location)
        }
        return DesiredResource(
            address: address,
            value: .object([
                "telegram_id": .int(id),
                "delivery": record.webhook == nil ? "polling" : "webhook",
                "webhook_url": record.webhook.map { .string($0.url) } ?? .null,
                "container": record.container.map { .string($0.name) } ?? .null,
                "engine": record.container.map { .string($0.engine) } ?? .null,
            ]),
            dependsOn: record.references.map(\.address), batch: Self.batchKey,
            attributes: ["token": TelegramValues.referenceJSON(record.token)], location: record.metadata.location,
            reads: [ResourceAddress(.bot, record.metadata.name)])
    }

    /// A registry row takes the username Telegram reports for its bot; without it (the bot was not read)
    /// the username is neither compared nor written.
    public func complete(_ resource: DesiredResource, reading details: [ResourceAddress: JSONValue]) -> DesiredResource {
        guard resource.address.kind == .botRecord, var value = resource.value.objectValue,
              let username = details[ResourceAddress(.bot, resource.address.name)]?["username"]?.stringValue else { return resource }
        value["username"] = .string(username)
        return resource.with(value: .object(value))
    }

    /// Opens a connection to the Project's database for `body`, or says why it cannot, for every address.
    /// `operation` (`read` or `write`) labels the call for the ``CallRecorder``; a call that never got
    /// as far as connecting (no URL, an unresolvable secret) is not one.
    func withDatabase<R: Sendable>(_ context: DriverContext, addresses: [ResourceAddress], operation: String,
                                   _ body: (PostgresConnection, PostgresSchema) async throws -> R) async -> Result<R, ResourceErrors> {
        func record(_ result: LiveCall.Result) {
            recorder?.recordCall(LiveCall(.postgres, operation: operation, result: result))
        }
        let project = context.project
        func failAll(_ code: ResourceError.Code, _ message: String, location: SourceLocation? = nil) -> Result<R, ResourceErrors> {
            .failure(ResourceErrors(addresses.map { ResourceError(address: $0, code: code, message: message, location: location) }))
        }
        guard let reference = project.postgresURL else {
            return failAll(.notConfigured, "the Project does not set spec.postgres.url")
        }
        let url: String
        do {
            url = try context.secrets.resolve(reference)
        } catch {
            return failAll(.secretUnavailable, error.message, location: reference.location)
        }
        let location: PostgresLocation
        let configuration: PostgresConnection.Configuration
        do {
            location = try PostgresLocation(url: url)
            configuration = try location.configuration(connectTimeout: connectTimeout)
        } catch {
            return failAll(.readFailed, "\(error) (in \(reference))", location: reference.location)
        }
        func unreachable(_ reason: EndpointFailure.Reason, _ detail: String) -> Result<R, ResourceErrors> {
            record(.unreachable)
            let endpoint = EndpointFailure(endpoint: "the database at \(location)", reason: reason, detail: detail)
            return .failure(ResourceErrors(addresses.map { ResourceError(address: $0, unreachable: endpoint) }))
        }
        if let reason = await breaker.down() { return unreachable(.markedDown, reason) }
        let schema = PostgresSchema(name: project.postgresSchema)
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
        do {
            let result = try await body(connection, schema)
            try? await connection.close()
            record(.ok)
            return .success(result)
        } catch let error as ResourceErrors {
            try? await connection.close()
            record(.error)
            return .failure(error)
        } catch let error as PostgresSchemaTooNew {
            try? await connection.close()
            record(.error)
            return failAll(.readFailed, error.description)
        } catch {
            try? await connection.close()
            record(.error)
            return failAll(.readFailed, "the database at \(location) answered: \(PostgresFailure.reason(error))")
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

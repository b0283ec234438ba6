import Foundation
import NIOCore
import PostgresNIO

/// Where a database is: parsed from `postgres://user:password@host:port/database?sslmode=...`.
///
/// The password stays inside: ``description`` and every message show the URL without it.
public struct PostgresLocation: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    public let database: String?
    let password: String?
    let requireTLS: Bool

    /// Why a URL is not a database URL (the message never repeats the URL, which holds a password).
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    public init(url: String) throws(ParseError) {
        guard let components = URLComponents(string: url),
              components.scheme == "postgres" || components.scheme == "postgresql",
              let host = components.host, !host.isEmpty
        else {
            throw ParseError(description: "the database URL is not postgres://user:password@host:port/database")
        }
        self.host = host
        port = components.port ?? 5432
        username = components.user?.removingPercentEncoding ?? "postgres"
        password = components.password?.removingPercentEncoding
        let path = String(components.path.drop { $0 == "/" })
        database = path.isEmpty ? nil : path
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "require"].contains(sslmode) else {
            throw ParseError(description: "the database URL's sslmode '\(sslmode)' is not supported; use disable or require")
        }
        requireTLS = sslmode == "require"
    }

    /// `postgres://user@host:port/database`: no password.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database ?? "")" }

    func configuration(connectTimeout: TimeAmount) throws -> PostgresConnection.Configuration {
        var configuration = PostgresConnection.Configuration(
            host: host, port: port, username: username, password: password, database: database,
            tls: requireTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable)
        configuration.options.connectTimeout = connectTimeout
        return configuration
    }
}

import Foundation
import PostgresNIO

/// Where the gym's PostgreSQL database is: `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|require]`.
public struct GymAddress: Sendable, CustomStringConvertible {
    public let host: String
    public let port: Int
    public let username: String
    let password: String?
    public let database: String
    public let requireTLS: Bool

    /// Parses a PostgreSQL URL; a clear error says what is wrong with it.
    public init(_ url: String) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
              ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw GymError("'\(Self.redact(url))' is not a PostgreSQL URL", fix: "use postgres://USER:PASSWORD@HOST:5432/DATABASE")
        }
        guard let host = components.host, !host.isEmpty else {
            throw GymError("the PostgreSQL URL names no host", fix: "use postgres://USER:PASSWORD@HOST:5432/DATABASE")
        }
        guard let user = components.user, !user.isEmpty else {
            throw GymError("the PostgreSQL URL names no user", fix: "put the user before the host: postgres://USER@\(host)/DATABASE")
        }
        let database = String(components.path.drop { $0 == "/" })
        guard !database.isEmpty else {
            throw GymError("the PostgreSQL URL names no database", fix: "end it with the database: postgres://\(user)@\(host)/snapcue")
        }
        let sslmode = components.queryItems?.first { $0.name == "sslmode" }?.value ?? "disable"
        guard ["disable", "require"].contains(sslmode) else {
            throw GymError("sslmode=\(sslmode) is not supported", fix: "use sslmode=disable (the default) or sslmode=require")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.username = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        self.requireTLS = sslmode == "require"
    }

    /// The address without the password: names the sync target in the local bookkeeping and in messages.
    public var description: String { "postgres://\(username)@\(host):\(port)/\(database)" }

    var configuration: PostgresConnection.Configuration {
        get throws {
            let tls: PostgresConnection.Configuration.TLS = requireTLS ? .require(try .init(configuration: .makeClientConfiguration())) : .disable
            return PostgresConnection.Configuration(host: host, port: port, username: username, password: password, database: database, tls: tls)
        }
    }

    static func redact(_ url: String) -> String {
        url.replacingOccurrences(of: #"://([^:/@]+):[^@]*@"#, with: "://$1:***@", options: .regularExpression)
    }
}

/// A problem with the gym database, phrased for the trainer: what and what to do.
public struct GymError: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var fix: String?

    public init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    public var description: String { message + (fix.map { "\n  fix: \($0)" } ?? "") }
}

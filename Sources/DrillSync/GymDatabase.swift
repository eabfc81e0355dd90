import Foundation
import Logging
import PostgresNIO

/// One connection to the gym's PostgreSQL database, its schema brought up to date.
/// Close it with `close()`.
public final class GymDatabase: Sendable {
    public let address: GymAddress
    let connection: PostgresConnection
    let logger: Logger

    private init(address: GymAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// Connects and creates or upgrades the gym schema (refusing a newer one).
    public static func connect(_ address: GymAddress, logger: Logger = Logger(label: "snapcue-gym")) async throws -> GymDatabase {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(configuration: try address.configuration, id: 1, logger: logger)
        } catch {
            throw explain(error, address: address)
        }
        let database = GymDatabase(address: address, connection: connection, logger: logger)
        do {
            try await GymSchema.migrate(database)
        } catch {
            try? await connection.close()
            throw explain(error, address: address)
        }
        return database
    }

    public func close() async {
        try? await connection.close()
    }

    /// Runs `body` in one transaction: all of it lands, or none.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        do {
            return try await connection.withTransaction(logger: logger) { try await body($0) }
        } catch {
            throw Self.explain(error, address: address)
        }
    }

    /// Runs one SQL statement given as text (administration and benchmarks; no user input).
    public func execute(_ sql: String) async throws {
        try await run(PostgresQuery(unsafeSQL: sql))
    }

    /// Runs one statement.
    @discardableResult
    func run(_ query: PostgresQuery) async throws -> PostgresRowSequence {
        do {
            return try await connection.query(query, logger: logger)
        } catch {
            throw Self.explain(error, address: address)
        }
    }

    /// What a PostgreSQL or network error means for the trainer.
    static func explain(_ error: any Error, address: GymAddress) -> any Error {
        if error is GymError { return error }
        if let transaction = error as? PostgresTransactionError {
            return explain(transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? error, address: address)
        }
        if let psql = error as? PSQLError {
            if let server = psql.serverInfo, let message = server[.message] {
                let code = server[.sqlState] ?? ""
                let fix: String = switch code {
                case "28P01", "28000": "check the user and password in the URL (and pg_hba.conf on the server)"
                case "3D000": "create the database first: createdb -h \(address.host) -U \(address.username) \(address.database)"
                case "42501": "grant the user the right to create tables in \(address.database), or let an administrator run the first sync"
                default: "see the PostgreSQL server's log"
                }
                return GymError("the gym database \(address) refused: \(message) (SQLSTATE \(code))", fix: fix)
            }
            switch psql.code {
            case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
                return GymError(
                    "cannot reach the gym database at \(address.host):\(address.port) (\(psql.underlying.map { "\($0)" } ?? "\(psql.code)"))",
                    fix: "check that PostgreSQL runs there and the network is up; this station keeps its results and syncs them later")
            default:
                return GymError("the gym database \(address): \(psql.code)\(psql.underlying.map { " (\($0))" } ?? "")")
            }
        }
        return GymError(
            "cannot reach the gym database at \(address.host):\(address.port) (\(error))",
            fix: "check that PostgreSQL runs there and the network is up; this station keeps its results and syncs them later")
    }
}

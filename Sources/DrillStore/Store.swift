import DrillCore
import Foundation
import GRDB

/// The results store: one SQLite database in WAL mode.
///
/// Every write is a transaction made durable before it returns
/// (`synchronous = FULL`), so a trial committed during a drill survives a
/// crash, `kill -9` or a power cut. Sessions a dead process left running are
/// marked aborted when the store is next opened.
///
/// A file that is not Snapcue's (see `StoreFile`) is refused untouched. A
/// Snapcue database this process cannot write (a read-only file, folder or
/// disk) opens read-only, for reports.
public final class Store: Sendable {
    /// The database file.
    public let path: String
    /// Whether the store was opened read-only (its file cannot be written here).
    public let isReadOnly: Bool
    let pool: any DatabaseWriter

    /// Opens (creating if needed and `create`) the store at `path` and brings its schema up to date.
    /// A write waits up to `busyTimeout` seconds for another writer before giving up.
    public init(path: String, create: Bool = true, busyTimeout: Double = 3) throws {
        self.path = path
        self.busyTimeout = busyTimeout
        let file = try StoreFile.inspect(path)
        switch file {
        case .missing, .empty:
            guard create else {
                throw StoreError("no results database at \(path)", fix: "run a drill first (it creates the database), or pass the right --db")
            }
            if file == .missing { try Self.createFolder(of: path) }
        case .snapcue, .snapcueReadOnly:
            break
        }
        isReadOnly = file == .snapcueReadOnly
        do {
            if isReadOnly {
                pool = try Self.openReadOnly(path)
            } else {
                pool = try Self.openReadWrite(path, busyTimeout: busyTimeout)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.explain(error, path: path, busyTimeout: busyTimeout)
        }
    }

    private static func createFolder(of path: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        guard !directory.isEmpty else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError("cannot create the folder \(directory) for the results database", fix: "pass --db PATH somewhere writable, or set SNAPCUE_DB")
        }
    }

    /// A WAL pool, migrated and with interrupted sessions marked. A store that is up to date and
    /// has no interrupted session opens without writing, so reports work while a drill is writing.
    private static func openReadWrite(_ path: String, busyTimeout: Double) throws -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let needs = try pool.read { db -> (migration: Bool, marking: Bool) in
            guard try Schema.migrator.hasCompletedMigrations(db) else { return (true, true) }
            return (false, try !interruptedSessions(db).isEmpty)
        }
        if needs.migration { try Schema.migrator.migrate(pool) }
        if needs.marking { try pool.write { db in try markInterruptedSessions(db) } }
        return pool
    }

    /// A read-only connection that takes no locks and makes no `-wal`/`-shm` files, unless the
    /// file was copied with a write-ahead log beside it (then SQLite must read that log).
    ///
    /// A read-only file of an earlier schema is never migrated in place: it is copied into
    /// memory and the copy is migrated, so reports read every column while the file stays as it was.
    private static func openReadOnly(_ path: String) throws -> any DatabaseWriter {
        var configuration = Configuration()
        configuration.readonly = true
        let file = try DatabaseQueue(path: StoreFile.readOnlyURI(path), configuration: configuration)
        guard try !file.read({ try Schema.migrator.hasCompletedMigrations($0) }) else { return file }
        var memoryConfiguration = Configuration()
        memoryConfiguration.foreignKeysEnabled = true
        let copy = try DatabaseQueue(configuration: memoryConfiguration)
        try file.backup(to: copy)
        try Schema.migrator.migrate(copy)
        return copy
    }

    /// How long a write waits for another writer, in seconds.
    let busyTimeout: Double

    /// Runs `body` in a read transaction, with errors explained.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as StoreError { throw error } catch { throw Self.explain(error, path: path, busyTimeout: busyTimeout) }
    }

    /// Runs `body` in a write transaction, with errors explained.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        if isReadOnly {
            throw StoreError("\(path) is read-only here: reports work, but nothing can be stored in it", fix: "copy it somewhere writable, or pass --db PATH to a writable database")
        }
        do { return try pool.write(body) } catch let error as StoreError { throw error } catch { throw Self.explain(error, path: path, busyTimeout: busyTimeout) }
    }

    /// Turns an SQLite error into what the user can do about it.
    static func explain(_ error: any Error, path: String, busyTimeout: Double) -> StoreError {
        guard let error = error as? DatabaseError else { return StoreError("results database \(path): \(error)") }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return StoreError(
                "\(path) is not a Snapcue database or is damaged (\(error.message ?? "corrupt"))",
                fix: "move it aside and run again to start a new one; 'sqlite3 \(path) .recover' may save its data")
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError(
                "\(path) is locked: another program has been writing to it for over \(String(format: "%g", busyTimeout)) s",
                fix: "wait for the other Snapcue (or sqlite3 shell) to finish, or close it; check with 'fuser \(path)'")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH:
            return StoreError(
                "cannot open or write \(path) (\(error.message ?? "permission denied"))",
                fix: "check the file's and folder's permissions, or pass --db PATH somewhere writable")
        case .SQLITE_FULL, .SQLITE_IOERR:
            return StoreError(
                "cannot write \(path): \(error.message ?? "disk full or I/O error")",
                fix: "free some space on the disk (df -h), or pass --db PATH on another disk")
        default:
            return StoreError("results database \(path): \(error.message ?? "\(error)")")
        }
    }
}

extension Store {
    /// The reason given to a session whose process ended without closing it.
    public static let interruptedReason = "interrupted: the program ended mid-drill (crash, kill or power cut)"

    /// Sessions left `running` by a process that is gone.
    static func interruptedSessions(_ db: Database) throws -> [Int64] {
        try Row.fetchAll(db, sql: "SELECT id, owner_pid, owner_boot FROM session WHERE status = 'running'").compactMap { row in
            let pid: Int32? = row["owner_pid"]
            let boot: String? = row["owner_boot"]
            if let pid, boot == ProcessIdentity.bootID, ProcessIdentity.isSnapcueAlive(pid: pid) { return nil }
            return row["id"]
        }
    }

    /// Marks sessions left `running` by a process that is gone as aborted. Such a
    /// session ended at its last trial (its start plus the time from the first
    /// trial's start to the last decision, on the trials' own clock), and its
    /// side summaries are brought up to date with every trial it kept.
    static func markInterruptedSessions(_ db: Database) throws {
        let lastTrialOffset = """
            SELECT (MAX(r.\(TrialRow.decidedAt.name)) - MIN(t.\(TrialRow.foreperiodStart.name))) / 1000000
            FROM trial t JOIN trial_result r ON r.session_id = t.session_id AND r.trial_index = t.trial_index
            WHERE t.session_id = session.id
            """
        for id in try interruptedSessions(db) {
            try db.execute(
                sql: """
                    UPDATE session SET status = 'aborted', end_reason = ?,
                        ended_at_ms = COALESCE(ended_at_ms, started_at_ms + MAX(0, COALESCE((\(lastTrialOffset)), 0)))
                    WHERE id = ?
                    """,
                arguments: [interruptedReason, id])
            if let session = try loadSession(db, id: id) {
                try writeSideSummaries(db, sessionID: id, session: session.result)
            }
        }
    }
}

extension Store {
    /// The database's size in bytes (pages in use, WAL not counted).
    public func sizeInBytes() throws -> Int64 {
        try read { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let size = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return (pages - free) * size
        }
    }
}

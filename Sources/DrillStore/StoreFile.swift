import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// What a results-database path holds, found without writing a byte to it.
///
/// Snapcue marks its databases with SQLite's `application_id` (in the file
/// header, `snapcueApplicationID`). A file that is neither empty nor Snapcue's
/// is never created into, migrated or switched to WAL: `Store` refuses it
/// before SQLite opens it for writing, so it stays byte-identical.
enum StoreFile: Equatable {
    /// Nothing at the path: a drill may create a database there.
    case missing
    /// A zero-byte file (made by `touch`, or by SQLite before its first write).
    case empty
    /// A Snapcue database (marked, or an unmarked one from before the mark).
    case snapcue
    /// A Snapcue database this process cannot write (a read-only file, folder or disk).
    case snapcueReadOnly

    /// `'Snap'`: the `application_id` of every Snapcue database.
    static let snapcueApplicationID: Int32 = 0x536E_6170

    /// Looks at `path`: its header, and for an unmarked SQLite file its tables (through a
    /// read-only connection). Throws a `StoreError` for anything Snapcue must not touch.
    static func inspect(_ path: String) throws -> StoreFile {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return .missing }
            throw StoreError("cannot look at \(path): \(String(cString: strerror(errno)))", fix: "check the path and its folders' permissions, or pass --db PATH")
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw StoreError("\(path) is a folder, not a results database", fix: "pass --db FOLDER/snapcue.db")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError("\(path) is not a regular file", fix: "pass --db PATH to a file")
        }
        if info.st_size == 0 { return .empty }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError("cannot read \(path) (\(String(cString: strerror(errno))))", fix: "check the file's permissions, or pass --db PATH")
        }
        let header = [UInt8]((try? handle.read(upToCount: 100)) ?? Data())
        try? handle.close()
        guard header.count == 100, header.starts(with: Array("SQLite format 3\0".utf8)) else {
            throw foreign(path, "it is not an SQLite database, or its header is damaged")
        }
        let applicationID = header[68..<72].reduce(Int32(0)) { $0 << 8 | Int32($1) }
        guard applicationID == snapcueApplicationID || applicationID == 0 else {
            throw foreign(path, "it belongs to another application (SQLite application_id \(String(format: "0x%08X", applicationID)))")
        }
        try checkSchema(path, marked: applicationID == snapcueApplicationID)
        return isWritable(path) ? .snapcue : .snapcueReadOnly
    }

    /// Reads the file's tables and migrations through a read-only connection: an unmarked file must hold Snapcue's first migration, and no
    /// file may hold a migration this version does not know.
    private static func checkSchema(_ path: String, marked: Bool) throws {
        var configuration = Configuration()
        configuration.readonly = true
        let tables: [String]
        let migrations: [String]
        do {
            let queue = try DatabaseQueue(path: readOnlyURI(path), configuration: configuration)
            (tables, migrations) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let migrations = tables.contains("grdb_migrations")
                    ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
                return (tables, migrations)
            }
            try queue.close()
        } catch {
            let reason = (error as? DatabaseError)?.message ?? "\(error)"
            guard marked else { throw foreign(path, "it cannot be read as an SQLite database (\(reason))") }
            throw StoreError(
                "\(path) is a damaged Snapcue database (\(reason)); it was left untouched",
                fix: "move it aside and run again to start a new one; 'sqlite3 \(path) .recover' may save its data")
        }
        guard marked || migrations.first == Schema.knownMigrations.first else {
            let what = tables.isEmpty ? "it holds no tables" : "its tables (\(tables.sorted().prefix(5).joined(separator: ", "))) are not Snapcue's"
            throw foreign(path, what)
        }
        let unknown = Set(migrations).subtracting(Schema.knownMigrations).sorted()
        guard unknown.isEmpty else {
            throw StoreError(
                "\(path) was written by a newer Snapcue (schema \(unknown.joined(separator: ", ")) is unknown to this version); it was left untouched",
                fix: "upgrade Snapcue on this station, or use another database with --db")
        }
    }

    private static func foreign(_ path: String, _ why: String) -> StoreError {
        StoreError(
            "\(path) is not a Snapcue results database: \(why); it was left untouched",
            fix: "pass --db PATH (or set SNAPCUE_DB) to a Snapcue database, or to a new file")
    }

    /// Whether this process could write the file and create the journal beside it.
    static func isWritable(_ path: String) -> Bool {
        let folder = (path as NSString).deletingLastPathComponent
        guard access(folder.isEmpty ? "." : folder, W_OK) == 0 else { return false }
        // open(2) for writing, not access(2): it also sees immutable files and read-only mounts.
        let descriptor = open(path, O_WRONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// An SQLite URI that opens `path` read-only. With no write-ahead log beside the file it is
    /// also immutable: no locks, no `-wal`/`-shm` files made. A file with a log (a drill running,
    /// or killed, or a copy taken mid-drill) is opened so that SQLite reads the log too.
    static func readOnlyURI(_ path: String) -> String {
        let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
        return readOnlyURI(path, immutable: log == 0)
    }

    private static func readOnlyURI(_ path: String, immutable: Bool) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let escaped = absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute
        return "file:\(escaped)?mode=ro" + (immutable ? "&immutable=1" : "")
    }
}

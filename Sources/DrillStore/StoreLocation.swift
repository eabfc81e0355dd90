import Foundation

/// Where the store lives: `--db`, else `$SNAPCUE_DB`, else the user's data
/// directory (`$XDG_DATA_HOME/snapcue/snapcue.db`, by default
/// `~/.local/share/snapcue/snapcue.db`).
public enum StoreLocation {
    /// The path to use, given an explicit `--db` value (or nil).
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let path = environment["SNAPCUE_DB"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], !data.isEmpty { return data + "/snapcue/snapcue.db" }
        if let home = environment["HOME"], !home.isEmpty, home != "/" { return home + "/.local/share/snapcue/snapcue.db" }
        throw StoreError(
            "no place for the results database: neither SNAPCUE_DB, XDG_DATA_HOME nor HOME is set",
            fix: "pass --db PATH or set SNAPCUE_DB=/path/to/snapcue.db")
    }
}

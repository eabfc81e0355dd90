import DrillCore

/// The columns of `snapcue export` (one row per trial per side), in order.
/// The table in docs/results.md ("Export columns") lists the same names and descriptions (here and in TrialRow).
///
/// A column is either per-session (formatted once per session from its
/// `StoredSession`) or stored: an SQL expression over one row of the export
/// query (`t`: trial, `r`: trial_result, `a`: the side's athlete), copied
/// into the file as SQLite holds it. Lists and edges are stored in their
/// export text form (`TrialCodec`), so no trial is decoded to be exported.
public enum ExportColumns {
    public struct Column: Sendable {
        public let name: String
        public let description: String
        let value: Value

        enum Value: Sendable {
            /// The same in every row of a session.
            case perSession(@Sendable (StoredSession) -> ExportValue)
            /// An SQL expression of the export query.
            case stored(String)
        }

        var perSession: Bool {
            if case .perSession = value { return true }
            return false
        }
    }

    private static func sessionText(_ name: String, _ description: String, _ value: @escaping @Sendable (StoredSession) -> String?) -> Column {
        Column(name: name, description: description, value: .perSession { .text(value($0)) })
    }

    private static func sessionInteger(_ name: String, _ description: String, _ value: @escaping @Sendable (StoredSession) -> Int64?) -> Column {
        Column(name: name, description: description, value: .perSession { .integer(value($0)) })
    }

    private static func stored(_ name: String, _ description: String, _ expression: String) -> Column {
        Column(name: name, description: description, value: .stored(expression))
    }

    /// Every column; the per-session ones come first.
    public static let all: [Column] = [
        sessionText("session_uuid", "stable id of the session") { $0.uuid },
        sessionText("session_started_at", "wall-clock start, ISO 8601 UTC") { WallClock.iso(milliseconds: $0.startedAtMilliseconds) },
        sessionText("session_ended_at", "wall-clock end, ISO 8601 UTC (empty if never closed)") { $0.endedAtMilliseconds.map(WallClock.iso(milliseconds:)) },
        sessionText("session_status", "complete or aborted") { $0.status == .complete ? "complete" : "aborted" },
        sessionText("session_end_reason", "why an aborted session ended") { $0.endReason },
        sessionText("station", "station name") { $0.result.station },
        sessionText("station_kind", "sim or gpio") { $0.stationKind.rawValue },
        sessionText("profile", "profile name") { $0.result.profileName },
        sessionInteger("profile_version", "profile version") { Int64($0.result.profileVersion) },
        sessionText("profile_title", "profile title") { $0.result.profileTitle },
        sessionText("profile_score", "how the drill is scored (median_rt, hits, time_to_hits:N, best_sum:N, accuracy, wins, total_time, best_each_way)") {
            $0.result.score.storedName
        },
        sessionText("profile_hash", "SHA-256 of the profile's canonical JSON") { $0.profileHash },
        sessionText("seed", "plan seed (same profile + seed = same drill)") { String($0.result.seed) },
        sessionInteger("seed_chosen", "1 if the seed was given, 0 if drawn at random") { $0.seedChosen ? 1 : 0 },
        sessionInteger("planned_trials", "trials in the plan") { Int64($0.result.plannedTrials) },
        sessionInteger("lapse_threshold_ns", "the profile's lapse threshold") { $0.result.lapseThresholdNanoseconds },
        sessionText("partner", "partner drills: the partner's name, when given") { $0.result.partner },
        stored("athlete", "athlete name", "a.name"),
        stored("athlete_uuid", "stable id of the athlete", "a.uuid"),
        stored("team", "athlete's team", "a.team"),
    ] + TrialRow.all.map { column in
        stored(column.exportName, column.description, (column.table == .trial ? "t." : "r.") + column.name)
    }

    /// Column names in order.
    public static var names: [String] { all.map(\.name) }

    /// How many leading columns are per-session.
    static let perSessionCount: Int = all.prefix { $0.perSession }.count

    /// The per-session cells of `session`.
    static func sessionValues(_ session: StoredSession) -> [ExportValue] {
        all[..<perSessionCount].map { column in
            guard case .perSession(let value) = column.value else { return .text(nil) }
            return value(session)
        }
    }

    /// One session's rows: the stored columns, one row per trial per side, in trial then side order.
    static let rowQuery: String = {
        let expressions = all[perSessionCount...].map { column -> String in
            guard case .stored(let expression) = column.value else { return "NULL" }
            return expression
        }
        return """
            SELECT \(expressions.joined(separator: ", "))
            FROM trial t
            JOIN trial_result r ON r.session_id = t.session_id AND r.trial_index = t.trial_index
            LEFT JOIN session_athlete sa ON sa.session_id = t.session_id AND sa.side = r.side
            LEFT JOIN athlete a ON a.id = sa.athlete_id
            WHERE t.session_id = ?
            ORDER BY t.trial_index, r.side
            """
    }()
}

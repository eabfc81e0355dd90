import DrillCore

/// One cell of an exported row.
public enum ExportValue: Equatable, Sendable {
    case text(String?)
    case integer(Int64?)
}

/// The columns of `snapcue export` (one row per trial per side), in order.
/// The README's table is generated from the same names and descriptions.
public enum ExportColumns {
    /// What one row is made from.
    public struct Source {
        let session: StoredSession
        let trial: TrialRecord
        let result: SideResult
        let athleteUUID: String?
    }

    public struct Column: Sendable {
        public let name: String
        public let description: String
        /// The value depends on the session only: the same in every row of a session.
        let perSession: Bool
        let value: @Sendable (Source) -> ExportValue
    }

    private static func text(_ name: String, _ description: String, _ value: @escaping @Sendable (Source) -> String?) -> Column {
        Column(name: name, description: description, perSession: false) { .text(value($0)) }
    }

    private static func integer(_ name: String, _ description: String, _ value: @escaping @Sendable (Source) -> Int64?) -> Column {
        Column(name: name, description: description, perSession: false) { .integer(value($0)) }
    }

    private static func sessionText(_ name: String, _ description: String, _ value: @escaping @Sendable (StoredSession) -> String?) -> Column {
        Column(name: name, description: description, perSession: true) { .text(value($0.session)) }
    }

    private static func sessionInteger(_ name: String, _ description: String, _ value: @escaping @Sendable (StoredSession) -> Int64?) -> Column {
        Column(name: name, description: description, perSession: true) { .integer(value($0.session)) }
    }

    /// Every column; the per-session ones come first, so an export formats them once per session.
    public static let all: [Column] = [
        sessionText("session_uuid", "stable id of the session") { $0.uuid },
        sessionText("session_started_at", "wall-clock start, ISO 8601 UTC") { WallClock.iso(milliseconds: $0.startedAtMilliseconds) },
        sessionText("session_ended_at", "wall-clock end, ISO 8601 UTC (empty if never closed)") { $0.endedAtMilliseconds.map(WallClock.iso(milliseconds:)) },
        sessionText("session_status", "complete or aborted") { $0.status == "running" ? "aborted" : $0.status },
        sessionText("session_end_reason", "why an aborted session ended") { $0.endReason },
        sessionText("station", "station name") { $0.result.station },
        sessionText("station_kind", "sim or gpio") { $0.stationKind },
        sessionText("profile", "profile name") { $0.result.profileName },
        sessionInteger("profile_version", "profile version") { Int64($0.result.profileVersion) },
        sessionText("profile_title", "profile title") { $0.result.profileTitle },
        sessionText("profile_hash", "SHA-256 of the profile's canonical JSON") { $0.profileHash },
        sessionText("seed", "plan seed (same profile + seed = same drill)") { String($0.result.seed) },
        sessionInteger("seed_chosen", "1 if the seed was given, 0 if drawn at random") { $0.seedChosen ? 1 : 0 },
        sessionInteger("planned_trials", "trials in the plan") { Int64($0.result.plannedTrials) },
        sessionInteger("lapse_threshold_ns", "the profile's lapse threshold") { $0.result.lapseThresholdNanoseconds },
        text("athlete", "athlete name") { $0.session.result.athletes[$0.result.side] },
        text("athlete_uuid", "stable id of the athlete") { $0.athleteUUID },
        text("team", "athlete's team") { $0.session.teams[$0.result.side] },
        text("side", "athlete's side (athlete, or left/right in head-to-head)") { $0.result.side },
        integer("trial_index", "0-based trial number in the session") { Int64($0.trial.planned.index) },
        integer("block_index", "0-based block number") { Int64($0.trial.planned.blockIndex) },
        text("block", "block name") { $0.trial.planned.blockName },
        integer("set", "1-based set in the block") { Int64($0.trial.planned.set) },
        integer("trial_in_set", "1-based trial in the set") { Int64($0.trial.planned.trialInSet) },
        text("kind", "go, nogo or catch") { $0.trial.planned.kind.rawValue },
        text("cue", "cue name (empty on catch trials)") { $0.trial.planned.cueName },
        text("lights", "lights lit at onset, comma-separated") { TrialCodec.list($0.trial.planned.lights) },
        text("sound", "sound played at onset") { $0.trial.planned.sound },
        integer("foreperiod_ms", "planned wait before the cue") { Int64($0.trial.planned.foreperiodMilliseconds) },
        text("expected_switch", "switch to press (empty on no-go and catch)") { $0.result.expectedSwitch },
        text("outcome", "hit, wrong_target, anticipation, false_start, miss, nogo_correct, nogo_commission, stuck_switch, catch_correct") { $0.result.outcome.rawValue },
        text("responded_switch", "switch of the deciding response") { $0.result.respondedSwitch },
        integer("rt_ns", "reaction time = response − onset") { $0.result.reactionTimeNanoseconds },
        integer("mt_ns", "movement time (home-release drills)") { $0.result.movementTimeNanoseconds },
        integer("foreperiod_start_ns", "CLOCK_MONOTONIC: foreperiod began") { $0.trial.foreperiodStart.nanoseconds },
        integer("scheduled_onset_ns", "CLOCK_MONOTONIC: cue due") { $0.trial.scheduledOnset.nanoseconds },
        integer("onset_ns", "CLOCK_MONOTONIC: cue shown (empty if none)") { $0.trial.onset?.nanoseconds },
        integer("response_ns", "CLOCK_MONOTONIC: deciding response edge") { $0.result.response?.nanoseconds },
        integer("target_hit_ns", "CLOCK_MONOTONIC: target hit (home-release drills)") { $0.result.targetHit?.nanoseconds },
        integer("decided_at_ns", "CLOCK_MONOTONIC: outcome settled") { $0.result.decidedAt.nanoseconds },
        integer("lateness_ns", "cue onset − scheduled onset") { $0.trial.timing.schedulerLatenessNanoseconds },
        integer("light_set_ns", "time the light-set call took") { $0.trial.timing.lightSetNanoseconds },
        integer("onset_uncertainty_ns", "half-width of the onset window") { $0.trial.timing.onsetUncertaintyNanoseconds },
        integer("sound_onset_ns", "CLOCK_MONOTONIC: sound reached the output") { $0.trial.timing.soundOnset?.nanoseconds },
        integer("sound_onset_uncertainty_ns", "uncertainty of sound_onset_ns") { $0.trial.timing.soundOnsetUncertaintyNanoseconds },
        text("flags", "timing flags, comma-separated (late_onset, slow_light_set, sound_unavailable, sound_xrun, dropped_edges, bounce)") { TrialCodec.list($0.trial.timing.flags.map(\.rawValue)) },
        text("winners", "head-to-head: side(s) with the fastest hit") { TrialCodec.list($0.trial.winners) },
        text("edges", "every switch edge: +switch@t_ns press, -switch@t_ns release, ; between") { TrialCodec.edges($0.trial.edges) },
    ]

    /// Column names in order.
    public static var names: [String] { all.map(\.name) }

    /// How many leading columns are per-session.
    static let perSessionCount: Int = all.prefix { $0.perSession }.count

    /// The cells of one row after the per-session ones.
    static func rowValues(_ source: Source) -> [ExportValue] { all[perSessionCount...].map { $0.value(source) } }

    /// The per-session cells (the first `perSessionCount`).
    static func sessionValues(_ source: Source) -> [ExportValue] { all[..<perSessionCount].map { $0.value(source) } }
}

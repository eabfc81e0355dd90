import DrillCore

/// One cell of a stored or exported row: text or a whole number (nil is empty / NULL).
public enum ExportValue: Equatable, Sendable {
    case text(String?)
    case integer(Int64?)
}

/// The one definition of a trial's columns: their names in SQLite, PostgreSQL
/// and export files, what each means, and how a `TrialRecord` becomes cells
/// and back. The station's insert and decoder, the gym's insert, the export
/// and the import all derive from this list; only the frozen migrations
/// (`Schema`, `GymSchema`) spell the columns again, as literal SQL.
///
/// A trial is two tables: `trial` (one row per trial, keyed by the session)
/// and `trial_result` (one row per side, keyed by the session and
/// `trial_index`). The keys are not listed: each store supplies its own.
public enum TrialRow {
    /// One column of `trial` or `trial_result`.
    public struct Column: Sendable {
        public enum Table: Sendable { case trial, result }
        public enum ValueType: Sendable { case integer, text }

        /// The column's name in both databases.
        public let name: String
        /// The column's name in export files (usually `name`).
        public let exportName: String
        /// What it holds, for the export's documentation.
        public let description: String
        public let table: Table
        public let type: ValueType
        /// The cell of a trial (for `.trial`) or of a side's result (for `.result`).
        let value: @Sendable (TrialRecord, SideResult?) -> ExportValue
    }

    private static func trial(
        _ name: String, export: String? = nil, _ type: Column.ValueType, _ description: String,
        _ value: @escaping @Sendable (TrialRecord) -> ExportValue
    ) -> Column {
        Column(name: name, exportName: export ?? name, description: description, table: .trial, type: type) { trial, _ in value(trial) }
    }

    private static func result(
        _ name: String, _ type: Column.ValueType, _ description: String, _ value: @escaping @Sendable (SideResult) -> ExportValue
    ) -> Column {
        Column(name: name, exportName: name, description: description, table: .result, type: type) { _, side in
            side.map(value) ?? .text(nil)
        }
    }

    // The columns, in export order. Decoding (below) reads them by these constants.
    static let side = result("side", .text, "athlete's side (athlete, or left/right in head-to-head)") { .text($0.side) }
    static let trialIndex = trial("trial_index", .integer, "0-based trial number in the session") { .integer(Int64($0.planned.index)) }
    static let blockIndex = trial("block_index", .integer, "0-based block number") { .integer(Int64($0.planned.blockIndex)) }
    static let blockName = trial("block_name", export: "block", .text, "block name") { .text($0.planned.blockName) }
    static let setNumber = trial("set_number", export: "set", .integer, "1-based set in the block") { .integer(Int64($0.planned.set)) }
    static let trialInSet = trial("trial_in_set", .integer, "1-based trial in the set") { .integer(Int64($0.planned.trialInSet)) }
    static let kind = trial("kind", .text, "go, nogo or catch") { .text($0.planned.kind.rawValue) }
    static let cue = trial("cue", .text, "cue name (empty on catch trials)") { .text($0.planned.cueName) }
    static let lights = trial("lights", .text, "lights lit at onset, comma-separated") { .text(TrialCodec.list($0.planned.lights)) }
    static let lightColors = trial("light_colors", .text, "the colour each lit light showed where the cue named one: light=colour, comma-separated") {
        .text(TrialCodec.colors($0.planned.lightColors))
    }
    static let sound = trial("sound", .text, "sound played at onset") { .text($0.planned.sound) }
    static let foreperiod = trial("foreperiod_ms", .integer, "planned wait before the cue") { .integer(Int64($0.planned.foreperiodMilliseconds)) }
    static let expectAll = trial("expect_all", .integer, "1 when every lit pad had to be hit (expect: all), else 0") {
        .integer($0.planned.expectsAllLit ? 1 : 0)
    }
    static let expectedSwitch = result("expected_switch", .text, "switch to press (the lit pads, comma-separated, for expect: all; empty on no-go and catch)") {
        .text($0.expectedSwitch)
    }
    static let outcome = result(
        "outcome", .text,
        "hit, wrong_target, distractor, anticipation, false_start, miss, nogo_correct, nogo_commission, stuck_switch, catch_correct, cut_off"
    ) { .text($0.outcome.rawValue) }
    static let respondedSwitch = result("responded_switch", .text, "switch of the deciding response") { .text($0.respondedSwitch) }
    static let reactionTime = result("rt_ns", .integer, "reaction time = response − onset") { .integer($0.reactionTimeNanoseconds) }
    static let movementTime = result("mt_ns", .integer, "movement time (home-release drills; gate runs: decision gate to target)") { .integer($0.movementTimeNanoseconds) }
    static let totalTime = result("total_ns", .integer, "gate runs: target (or the deciding response) − the start-gate crossing") {
        .integer($0.totalTimeNanoseconds)
    }
    static let splits = result("splits", .text, "expect: all: each pad hit, pad@rt_ns in the order hit, ; between") { .text(TrialCodec.splits($0.splits)) }
    static let foreperiodStart = trial("foreperiod_start_ns", .integer, "CLOCK_MONOTONIC: foreperiod began") { .integer($0.foreperiodStart.nanoseconds) }
    static let scheduledOnset = trial("scheduled_onset_ns", .integer, "CLOCK_MONOTONIC: cue due") { .integer($0.scheduledOnset.nanoseconds) }
    static let onset = trial("onset_ns", .integer, "CLOCK_MONOTONIC: cue shown (empty if none)") { .integer($0.onset?.nanoseconds) }
    static let trigger = trial("trigger_ns", .integer, "CLOCK_MONOTONIC: the partner's cue edge (partner drills: also the onset) or the start-gate crossing (gate runs)") {
        .integer($0.trigger?.nanoseconds)
    }
    static let partnerSwitch = trial("partner_switch", .text, "partner drills: the partner's switch whose edge was the cue") { .text($0.partnerSwitch) }
    static let response = result("response_ns", .integer, "CLOCK_MONOTONIC: deciding response edge") { .integer($0.response?.nanoseconds) }
    static let targetHit = result("target_hit_ns", .integer, "CLOCK_MONOTONIC: target hit (home-release drills, gate runs with decision gates)") { .integer($0.targetHit?.nanoseconds) }
    static let decidedAt = result("decided_at_ns", .integer, "CLOCK_MONOTONIC: outcome settled") { .integer($0.decidedAt.nanoseconds) }
    static let lateness = trial("lateness_ns", .integer, "cue onset − scheduled onset") { .integer($0.timing.schedulerLatenessNanoseconds) }
    static let lightSet = trial("light_set_ns", .integer, "time the light-set call took") { .integer($0.timing.lightSetNanoseconds) }
    static let onsetUncertainty = trial("onset_uncertainty_ns", .integer, "half-width of the onset window") { .integer($0.timing.onsetUncertaintyNanoseconds) }
    static let soundOnset = trial("sound_onset_ns", .integer, "CLOCK_MONOTONIC: sound reached the output") { .integer($0.timing.soundOnset?.nanoseconds) }
    static let soundOnsetUncertainty = trial("sound_onset_uncertainty_ns", .integer, "uncertainty of sound_onset_ns") {
        .integer($0.timing.soundOnsetUncertaintyNanoseconds)
    }
    static let flags = trial(
        "flags", .text, "timing flags, comma-separated (late_onset, slow_light_set, sound_unavailable, sound_xrun, dropped_edges, bounce)"
    ) { .text(TrialCodec.list($0.timing.flags.map(\.rawValue))) }
    static let winners = trial("winners", .text, "head-to-head: side(s) with the fastest hit") { .text(TrialCodec.list($0.winners)) }
    static let edges = trial("edges", .text, "every switch edge: +switch@t_ns press, -switch@t_ns release, ; between") {
        .text(TrialCodec.edges($0.edges))
    }

    /// Every column, in export order.
    public static let all: [Column] = [
        side, trialIndex, blockIndex, blockName, setNumber, trialInSet, kind, cue, lights, lightColors, sound, foreperiod, expectAll, expectedSwitch,
        outcome, respondedSwitch, reactionTime, movementTime, totalTime, splits, foreperiodStart, scheduledOnset, onset, trigger,
        partnerSwitch, response, targetHit, decidedAt, lateness, lightSet, onsetUncertainty, soundOnset, soundOnsetUncertainty, flags, winners, edges,
    ]

    /// The `trial` table's columns (its session key aside), in order.
    public static let trialColumns: [Column] = all.filter { $0.table == .trial }
    /// The `trial_result` table's columns (its session key and `trial_index` aside), in order.
    public static let resultColumns: [Column] = all.filter { $0.table == .result }

    /// The cells of `trial`'s `trial` row, in `trialColumns` order.
    public static func trialValues(_ trial: TrialRecord) -> [ExportValue] { trialColumns.map { $0.value(trial, nil) } }

    /// The cells of one side's `trial_result` row, in `resultColumns` order.
    public static func resultValues(_ trial: TrialRecord, _ side: SideResult) -> [ExportValue] {
        resultColumns.map { $0.value(trial, side) }
    }

    /// One side's result back from its `trial_result` cells.
    public static func sideResult(_ cells: some TrialCells) throws -> SideResult {
        let splitList: [PadSplit]
        do { splitList = try TrialCodec.splits(try cells.text(splits) ?? "") } catch let error as StoreError {
            throw cells.failure(splits, error.message)
        }
        return SideResult(
            side: try cells.requiredText(side), expectedSwitch: try cells.text(expectedSwitch),
            outcome: try cells.choice(outcome, Outcome.self), respondedSwitch: try cells.text(respondedSwitch),
            response: try cells.instant(response), reactionTimeNanoseconds: try cells.integer(reactionTime),
            targetHit: try cells.instant(targetHit), movementTimeNanoseconds: try cells.integer(movementTime),
            decidedAt: MonotonicInstant(nanoseconds: try cells.requiredInteger(decidedAt)), splits: splitList,
            totalTimeNanoseconds: try cells.integer(totalTime))
    }

    /// A trial back from its `trial` cells and its sides' results.
    public static func record(_ row: some TrialCells, sides: [SideResult]) throws -> TrialRecord {
        var expected: [String: String] = [:]
        let expectsAll = try row.integer(expectAll) == 1
        for side in sides where !expectsAll { if let target = side.expectedSwitch { expected[side.side] = target } }
        var planned = PlannedTrial(
            index: Int(try row.requiredInteger(trialIndex)), blockIndex: Int(try row.requiredInteger(blockIndex)),
            blockName: try row.text(blockName) ?? "", set: Int(try row.requiredInteger(setNumber)),
            trialInSet: Int(try row.requiredInteger(trialInSet)), kind: try row.choice(kind, TrialKind.self),
            cueName: try row.text(cue), lights: TrialCodec.list(try row.text(lights) ?? ""), sound: try row.text(sound),
            expected: expected, foreperiodMilliseconds: Int(try row.requiredInteger(foreperiod)))
        planned.expectsAllLit = expectsAll
        do { planned.lightColors = try TrialCodec.colors(try row.text(lightColors) ?? "") } catch let error as StoreError {
            throw row.failure(lightColors, error.message)
        }
        var timing = TrialTiming()
        timing.schedulerLatenessNanoseconds = try row.integer(lateness)
        timing.lightSetNanoseconds = try row.integer(lightSet)
        timing.onsetUncertaintyNanoseconds = try row.integer(onsetUncertainty)
        timing.soundOnset = try row.instant(soundOnset)
        timing.soundOnsetUncertaintyNanoseconds = try row.integer(soundOnsetUncertainty)
        timing.flags = try TrialCodec.list(try row.text(flags) ?? "").map { name in
            guard let flag = TimingFlag(rawValue: name) else { throw row.failure(flags, "'\(name)' is not a timing flag") }
            return flag
        }
        let edgeList: [SwitchEdge]
        do { edgeList = try TrialCodec.edges(try row.text(edges) ?? "") } catch let error as StoreError {
            throw row.failure(edges, error.message)
        }
        return TrialRecord(
            planned: planned, foreperiodStart: MonotonicInstant(nanoseconds: try row.requiredInteger(foreperiodStart)),
            scheduledOnset: MonotonicInstant(nanoseconds: try row.requiredInteger(scheduledOnset)), onset: try row.instant(onset),
            timing: timing, sides: sides, winners: TrialCodec.list(try row.text(winners) ?? ""), edges: edgeList,
            trigger: try row.instant(trigger), partnerSwitch: try row.text(partnerSwitch))
    }
}

/// Where a trial's cells are read from: a database row, or an export file's row.
public protocol TrialCells {
    /// The column's whole number, nil when empty; throws when it holds something else.
    func integer(_ column: TrialRow.Column) throws -> Int64?
    /// The column's text, nil when empty.
    func text(_ column: TrialRow.Column) throws -> String?
    /// An error about `column` of this row, located as the source can (file and line, or the database).
    func failure(_ column: TrialRow.Column, _ message: String) -> StoreError
}

extension TrialCells {
    func requiredInteger(_ column: TrialRow.Column) throws -> Int64 {
        guard let value = try integer(column) else { throw failure(column, "is empty") }
        return value
    }

    func requiredText(_ column: TrialRow.Column) throws -> String {
        guard let value = try text(column) else { throw failure(column, "is empty") }
        return value
    }

    func instant(_ column: TrialRow.Column) throws -> MonotonicInstant? { try integer(column).map(MonotonicInstant.init(nanoseconds:)) }

    func choice<T: RawRepresentable>(_ column: TrialRow.Column, _ type: T.Type) throws -> T where T.RawValue == String {
        let name = try requiredText(column)
        guard let value = T(rawValue: name) else { throw failure(column, "'\(name)' is not a known value") }
        return value
    }
}

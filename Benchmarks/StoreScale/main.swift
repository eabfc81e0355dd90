// The store at gym scale: 1 000 000 generated trials (200 athletes × 100
// sessions × 50 trials over a year), then the leaderboard, a trend and a full
// export are timed. Prints its figures; goals: leaderboard and trend ≤ 0.5 s
// each, export ≤ 5 s. Run with `make bench` (release build).
import DrillCore
import DrillStats
import DrillStore
import Foundation

let athletes = 200, sessionsPerAthlete = 100, trialsPerSession = 50
let folder = NSTemporaryDirectory() + "snapcue-store-scale-\(getpid())"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let store = try Store(path: folder + "/scale.db")

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = Date()
    try body()
    return Date().timeIntervalSince(start)
}

/// The best and median of `runs` timings.
func timed(_ runs: Int = 5, _ body: () throws -> Void) rethrows -> (best: Double, median: Double) {
    let times = try (0..<runs).map { _ in try seconds(body) }.sorted()
    return (times[0], times[runs / 2])
}

// ---- generate
let profile = ProfileIdentity(name: "choice-4", version: 1, title: "Four-pad choice reaction", contentHash: String(repeating: "ab", count: 32))
var random = SeededGenerator(seed: 2026)
let yearStart: Int64 = 1_735_689_600_000  // 2025-01-01
let pads = ["pad1", "pad2", "pad3", "pad4"]

@MainActor
func session(athlete: Int, number: Int) -> SessionImport {
    let name = String(format: "Athlete %03d", athlete)
    let baseline = 230 + Double(athlete % 40) * 2.0
    let learning = Double(number) * -0.2  // 0.2 ms faster per session
    var trials: [TrialRecord] = []
    var clock: Int64 = 10_000_000_000_000 + Int64(number) * 7_200_000_000_000
    for index in 0..<trialsPerSession {
        let pad = pads[random.nextIndex(below: 4)]
        let foreperiod = 1000 + random.nextIndex(below: 2001)
        let foreperiodStart = clock
        let scheduled = foreperiodStart + Int64(foreperiod) * 1_000_000
        let lateness = Int64(2_000 + random.nextIndex(below: 18_000))
        let onset = scheduled + lateness
        let draw = random.nextUnitInterval()
        let rtMilliseconds = baseline + learning + 25 * random.nextStandardNormal() + random.nextExponential(mean: 45)
        let outcome: Outcome = draw < 0.02 ? .anticipation : draw < 0.05 ? .wrongTarget : draw < 0.08 ? .miss : .hit
        let rt = Int64((outcome == .anticipation ? 60 : rtMilliseconds) * 1_000_000)
        let pressed = outcome == .wrongTarget ? pads[(pads.firstIndex(of: pad)! + 1) % 4] : pad
        let response = outcome == .miss ? nil : MonotonicInstant(nanoseconds: onset + rt)
        var timing = TrialTiming()
        timing.schedulerLatenessNanoseconds = lateness
        timing.lightSetNanoseconds = 4_000
        timing.onsetUncertaintyNanoseconds = 2_000
        let edges = response.map { [
            SwitchEdge(switchName: pressed, kind: .press, timestamp: $0),
            SwitchEdge(switchName: pressed, kind: .release, timestamp: $0 + .milliseconds(120)),
        ] } ?? []
        trials.append(TrialRecord(
            planned: PlannedTrial(
                index: index, blockIndex: 0, blockName: "work", set: 1 + index / 25, trialInSet: 1 + index % 25, kind: .go,
                cueName: pad, lights: [pad], sound: nil, expected: ["athlete": pad], foreperiodMilliseconds: foreperiod),
            foreperiodStart: MonotonicInstant(nanoseconds: foreperiodStart), scheduledOnset: MonotonicInstant(nanoseconds: scheduled),
            onset: MonotonicInstant(nanoseconds: onset), timing: timing,
            sides: [SideResult(
                side: "athlete", expectedSwitch: pad, outcome: outcome, respondedSwitch: outcome == .miss ? nil : pressed,
                response: response, reactionTimeNanoseconds: outcome == .miss ? nil : rt,
                decidedAt: response ?? MonotonicInstant(nanoseconds: onset + 1_500_000_000))],
            winners: [], edges: edges))
        clock = onset + 2_000_000_000
    }
    let started = yearStart + Int64(number) * 3 * 86_400_000 + Int64(athlete) * 60_000
    let result = SessionResult(
        profileName: profile.name, profileVersion: 1, profileTitle: profile.title, seed: random.next() % 1_000_000, station: "gym-1",
        athletes: ["athlete": name], startedAt: WallClock.iso(milliseconds: started), end: .complete,
        plannedTrials: trialsPerSession, trials: trials, lapseThresholdNanoseconds: 500_000_000)
    return SessionImport(
        uuid: UUID().uuidString.lowercased(), status: .complete, endReason: nil, startedAtMilliseconds: started,
        endedAtMilliseconds: started + 200_000, seedChosen: false, profile: profile, stationKind: .gpio,
        teams: ["athlete": "Team \(athlete % 8)"], athleteUUIDs: [:], result: result)
}

print("store-scale: generating \(athletes * sessionsPerAthlete * trialsPerSession) trials (\(athletes) athletes × \(sessionsPerAthlete) sessions × \(trialsPerSession) trials)…")
var inserted = 0
let insertSeconds = try seconds {
    for athlete in 0..<athletes {
        let batch = (0..<sessionsPerAthlete).map { session(athlete: athlete, number: $0) }
        inserted += try store.importSessions(batch).trials
    }
}
let bytes = try store.sizeInBytes()
print(String(format: "  stored %d trials in %.1f s (%.0f trials/s, import path, one transaction per 100 sessions)", inserted, insertSeconds, Double(inserted) / insertSeconds))
print(String(format: "  database %.1f MB: %.0f bytes per stored trial (every timestamp, both edges, summaries and indexes)", Double(bytes) / 1e6, Double(bytes) / Double(inserted)))

// ---- leaderboard
var board: Leaderboard?
let leaderboard = try timed {
    let (_, candidates) = try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4"))
    board = Leaderboard(candidates: candidates)
}
print(String(format: "  leaderboard (all %d athletes, %d sessions): best %.3f s, median %.3f s  (goal ≤ 0.5 s)", board!.rows.count, athletes * sessionsPerAthlete, leaderboard.best, leaderboard.median))
let teamBoard = try timed {
    let (_, candidates) = try store.leaderboardCandidates(LeaderboardQuery(profile: "choice-4", team: "Team 3"))
    board = Leaderboard(candidates: candidates)
}
print(String(format: "  team leaderboard (%d athletes): best %.3f s, median %.3f s", board!.rows.count, teamBoard.best, teamBoard.median))

// ---- trend
var progress: AthleteProgress?
let trend = try timed {
    let history = try store.history(athlete: "Athlete 007", profile: "choice-4")
    progress = AthleteProgress(sessions: history[0].points)
}
print(String(format: "  trend (one athlete, %d sessions): best %.3f s, median %.3f s  (goal ≤ 0.5 s); slope %+.2f ms/week", progress!.entries.count, trend.best, trend.median, progress!.trend!.fit.slope))

// ---- export
for format in [ExportFormat.csv, .json] {
    let sink = FileHandle(forWritingAtPath: "/dev/null")!
    var rows = 0, written = 0
    let exportSeconds = try seconds {
        rows = try store.export(SessionFilter(), format: format) { chunk in
            written += chunk.count
            sink.write(Data(chunk))
        }
    }
    print(String(format: "  export %@ of %d rows: %.2f s (%.0f rows/s, %.0f MB)  (goal ≤ 5 s)", format.rawValue, rows, exportSeconds, Double(rows) / exportSeconds, Double(written) / 1e6))
}

// The gym at scale, against a real PostgreSQL:
// 1. sync throughput: one station's 100 000 trials (2 500 simulated choice-4
//    sessions of 100 athletes) pushed to an empty gym database, in trials per
//    second; then a repeat sync with nothing new.
// 2. gym leaderboard latency with 50 stations × 100 000 trials (5 000 000
//    trials, 125 000 sessions, generated in the database), the team
//    leaderboard and an athlete's gym-wide trend. Goal: ≤ 0.5 s each.
// Usage: gym-scale POSTGRES_URL (an empty database; Benchmarks/gym-scale.sh makes one).
import DrillCore
import DrillStats
import DrillStore
import DrillSync
import DrillTesting
import Foundation

guard CommandLine.arguments.count == 2, let address = try? GymAddress(CommandLine.arguments[1]) else {
    print("usage: gym-scale postgres://USER@HOST:PORT/EMPTY_DATABASE")
    exit(2)
}

func seconds(_ body: () async throws -> Void) async rethrows -> Double {
    let start = Date()
    try await body()
    return Date().timeIntervalSince(start)
}

/// The best and median of `runs` timings.
func timed(_ runs: Int = 5, _ body: () async throws -> Void) async rethrows -> (best: Double, median: Double) {
    var times: [Double] = []
    for _ in 0..<runs { times.append(try await seconds(body)) }
    times.sort()
    return (times[0], times[runs / 2])
}

// ---- 1. one station's 100 000 trials, synced
let folder = NSTemporaryDirectory() + "snapcue-gym-scale-\(getpid())"
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: folder) }
let store = try Store(path: folder + "/station.db")
let profile = try Profile.load(path: "Profiles/choice-4.yaml")
let sessionsWanted = 2_500, athletes = 100
print("gym-scale: simulating \(sessionsWanted) choice-4 sessions (\(athletes) athletes) on one station…")
let identity = ProfileIdentity(profile: profile)
var batch: [SessionImport] = []
for number in 0..<sessionsWanted {
    let name = String(format: "Athlete %03d", number % athletes)
    let started = 1_735_689_600_000 + Int64(number / athletes) * 86_400_000 + Int64(number % athletes) * 60_000
    let session = try SimulatedSessions.run(
        profile, seed: UInt64(number + 1), athletes: [Profile.soloSide: name], athleteSeed: UInt64(number), station: "station-1",
        startedAt: WallClock.iso(milliseconds: started))
    batch.append(SessionImport(
        uuid: UUID().uuidString.lowercased(), status: .complete, endReason: nil, startedAtMilliseconds: started,
        endedAtMilliseconds: started + 200_000, seedChosen: false, profile: identity, stationKind: .gpio,
        teams: [Profile.soloSide: "Team \(number % athletes % 8)"], athleteUUIDs: [:], result: session))
    if batch.count == 100 {
        _ = try store.importSessions(batch)
        batch.removeAll()
    }
}
let localTrials = try store.sessions().reduce(0) { $0 + $1.trials }
let gym = try await GymDatabase.connect(address)
var report = SyncReport()
let syncSeconds = try await seconds { report = try await GymSync(store: store, gym: gym, station: "station-1").run() }
print(String(format: "  sync of %d sessions, %d trials: %.1f s (%.0f trials/s, one transaction per session)",
             report.sessionsPushed, report.trialsPushed, syncSeconds, Double(report.trialsPushed) / syncSeconds))
let repeatSeconds = try await seconds { report = try await GymSync(store: store, gym: gym, station: "station-1").run() }
print(String(format: "  repeat sync (nothing new): %.2f s, %d sessions sent", repeatSeconds, report.sessionsPushed))
precondition(report.sessionsPushed == 0 && localTrials > 0)

// ---- 2. 50 stations × 100 000 trials
let stations = 50, sessionsPerStation = 2_500, trialsPerSession = 40
print("  generating \(stations) stations × \(sessionsPerStation * trialsPerSession) trials in the gym database…")
let generateSeconds = try await seconds {
    try await gym.execute("DELETE FROM session")
    try await gym.execute("""
        INSERT INTO station (name, last_sync_ms) SELECT 'station-' || s, 0 FROM generate_series(1, \(stations)) s ON CONFLICT DO NOTHING
        """)
    try await gym.execute("""
        INSERT INTO athlete (uuid, name, name_key, team, first_station, created_at_ms)
        SELECT 'gym-athlete-' || a, 'Gym Athlete ' || a, 'gym athlete ' || a, 'Team ' || (a % 8), 'station-1', 0
        FROM generate_series(1, \(stations * 20)) a ON CONFLICT DO NOTHING
        """)
    try await gym.execute("""
        INSERT INTO session (uuid, station, profile_hash, seed, seed_chosen, started_at_ms, ended_at_ms, status, end_reason,
            planned_trials, lapse_threshold_ns, trial_count, flagged_trials)
        SELECT 'gym-' || s || '-' || n, 'station-' || s, (SELECT content_hash FROM profile LIMIT 1), n, false,
            1735689600000 + n::bigint * 3600000, 1735689600000 + n::bigint * 3600000 + 200000, 'complete', NULL, \(trialsPerSession), 500000000, \(trialsPerSession), 0
        FROM generate_series(1, \(stations)) s, generate_series(1, \(sessionsPerStation)) n
        """)
    try await gym.execute("""
        INSERT INTO session_athlete (session_uuid, side, athlete_uuid, trials, valid_count, median_rt_ms, mean_speed, accuracy)
        SELECT 'gym-' || s || '-' || n, 'athlete', 'gym-athlete-' || ((s - 1) * 20 + n % 20 + 1), \(trialsPerSession),
            30 + (n % 10), 300 + ((s * 7919 + n * 104729) % 20000) / 100.0, 3.2, 0.9
        FROM generate_series(1, \(stations)) s, generate_series(1, \(sessionsPerStation)) n
        """)
    try await gym.execute("""
        INSERT INTO trial (session_uuid, trial_index, block_index, block_name, set_number, trial_in_set, kind, cue, lights, sound,
            foreperiod_ms, foreperiod_start_ns, scheduled_onset_ns, onset_ns, lateness_ns, light_set_ns, onset_uncertainty_ns,
            sound_onset_ns, sound_onset_uncertainty_ns, flags, winners, edges)
        SELECT 'gym-' || s || '-' || n, t, 0, 'work', 1, t + 1, 'go', 'pad1', 'pad1', NULL, 1500, t * 4000000000::bigint,
            t * 4000000000::bigint + 1500000000, t * 4000000000::bigint + 1500010000, 10000, 4000, 2000, NULL, NULL, '', '',
            '+pad1@' || (t * 4000000000::bigint + 1800000000) || ';-pad1@' || (t * 4000000000::bigint + 1920000000)
        FROM generate_series(1, \(stations)) s, generate_series(1, \(sessionsPerStation)) n, generate_series(0, \(trialsPerSession - 1)) t
        """)
    try await gym.execute("ANALYZE")
}
print(String(format: "  generated in %.0f s", generateSeconds))
var board: Leaderboard?
let leaderboard = try await timed {
    board = Leaderboard(candidates: try await gym.leaderboardCandidates(LeaderboardQuery(profile: "choice-4")).candidates)
}
print(String(format: "  gym leaderboard (%d athletes, %d sessions): best %.3f s, median %.3f s  (goal ≤ 0.5 s)",
             board!.rows.count, stations * sessionsPerStation, leaderboard.best, leaderboard.median))
let team = try await timed {
    board = Leaderboard(candidates: try await gym.leaderboardCandidates(LeaderboardQuery(profile: "choice-4", team: "Team 3")).candidates)
}
print(String(format: "  gym team leaderboard (%d athletes): best %.3f s, median %.3f s", board!.rows.count, team.best, team.median))
var points = 0
let trend = try await timed {
    let (_, drills) = try await gym.history(athlete: "Gym Athlete 7")
    points = drills.first?.points.count ?? 0
    _ = AthleteProgress(sessions: drills.first?.points ?? [])
}
print(String(format: "  gym trend (one athlete, %d sessions): best %.3f s, median %.3f s  (goal ≤ 0.5 s)", points, trend.best, trend.median))
await gym.close()

import DrillCore
import DrillStats
import DrillStore

/// A leaderboard with the choices that made it (API and page share it).
struct LeaderboardView: Encodable {
    let profile: String
    let version: Int
    let versions: [Int]
    let title: String?
    let metric: LeaderboardMetric
    /// How the drill is scored (what the `score` metric ranks by).
    let score: DrillScore
    let team: String?
    let minValid: Int
    let since: Int64?
    let until: Int64?
    let seed: UInt64?
    let leaderboard: Leaderboard
    /// Teams with athletes, for the filter.
    let teams: [String]
}

/// One drill of an athlete's progress.
struct DrillProgressView: Encodable {
    let profile: String
    let profileVersion: Int
    /// The drill's title, for headings.
    let title: String
    let progress: AthleteProgress
}

/// An athlete and their progress in every drill they ran.
struct AthleteView: Encodable {
    let athlete: Athlete
    let minValid: Int
    let familiarisation: Int
    let drills: [DrillProgressView]
}

/// A whole stored session with its statistics per side.
struct SessionView: Encodable {
    let session: StoredSession
    let summary: SessionSummary
}

extension StationWebApp {
    func leaderboardView(profile: String, query: QueryReader) throws -> LeaderboardView {
        let version = try query.integer("version", in: 1...1_000_000)
        let score = try store.score(ofProfile: profile, version: version)
        // A drill that declares a score is ranked by it unless the reader asks otherwise.
        let metric = try query.metric(fallback: score.defaultMetric)
        let minValid = try query.integer("min_valid", in: 1...100_000) ?? score.defaultMinimumValidTrials
        let team = query.text("team")
        let teams = try store.teams()
        if let team, !teams.contains(where: { $0.lowercased() == team.lowercased() }) {
            throw WebError(.notFound, "no athletes in team '\(team)'", fix: teams.isEmpty ? "no athlete has a team yet" : "teams: \(teams.joined(separator: ", "))")
        }
        let leaderboardQuery = LeaderboardQuery(
            profile: profile, version: version, team: team,
            since: try query.date("since"), until: try query.date("until"), seed: try query.seed("seed"))
        let (rankedVersion, candidates) = try store.leaderboardCandidates(leaderboardQuery)
        let overview = try store.drillOverviews().first { $0.profile == profile }
        return LeaderboardView(
            profile: profile, version: rankedVersion, versions: overview?.versions ?? [rankedVersion], title: overview?.title, metric: metric,
            score: score, team: team, minValid: minValid, since: leaderboardQuery.since, until: leaderboardQuery.until,
            seed: leaderboardQuery.seed,
            leaderboard: Leaderboard(candidates: candidates, metric: metric, minimumValidTrials: minValid, score: score), teams: teams)
    }

    /// The leaderboards of the drills run in the last `days` days, each ranked as its page ranks it
    /// by default (the drill's score), over those days' sessions: what the TV shows between drills.
    func recentBoards(days: Int = 7, now: Int64 = WallClock.nowMilliseconds) throws -> [TVPage.Board] {
        let since = now - Int64(days) * 86_400_000
        return try store.drillOverviews().filter { ($0.lastSessionAtMilliseconds ?? 0) >= since }.compactMap { drill in
            let score = try store.score(ofProfile: drill.profile, version: nil)
            let (version, candidates) = try store.leaderboardCandidates(
                LeaderboardQuery(profile: drill.profile, version: nil, team: nil, since: since, until: nil, seed: nil))
            let leaderboard = Leaderboard(
                candidates: candidates, metric: score.defaultMetric, minimumValidTrials: score.defaultMinimumValidTrials, score: score)
            guard !leaderboard.rows.isEmpty else { return nil }
            return TVPage.Board(
                title: drill.title, profile: drill.profile, version: version, metric: score.defaultMetric, score: score, rows: leaderboard.rows)
        }
    }

    func athleteView(name: String, query: QueryReader) throws -> AthleteView {
        let athlete = try store.athlete(named: name)
        let minValid = try query.integer("min_valid", in: 1...100_000) ?? 10
        let familiarisation = try query.integer("familiarisation", in: 0...100) ?? 2
        let drills = try store.history(athlete: athlete.name, profile: query.text("profile")).map { history in
            DrillProgressView(
                profile: history.profile, profileVersion: history.profileVersion, title: history.title,
                progress: AthleteProgress(sessions: history.points, familiarisationSessions: familiarisation, minimumValidTrials: minValid))
        }
        return AthleteView(athlete: athlete, minValid: minValid, familiarisation: familiarisation, drills: drills)
    }

    func sessionView(id text: String) throws -> SessionView {
        guard let id = Int64(text), id > 0 else {
            throw WebError(.badRequest, "'\(text)' is not a session number", fix: "sessions are numbered 1, 2, 3…: see /sessions")
        }
        let session = try store.session(id: id)
        return SessionView(session: session, summary: SessionSummary(session: session.result))
    }

    /// Each of `athlete`'s hits in the sessions of `points` (the last `limit`).
    func distributionColumns(athlete: String, points: [SessionPoint], limit: Int = 12) throws -> [DistributionChartSVG.Column] {
        try points.suffix(limit).compactMap { point in
            guard let id = Int64(point.session) else { return nil }
            let stored = try store.session(id: id)
            guard let side = stored.result.athletes.first(where: { $0.value.lowercased() == athlete.lowercased() })?.key else { return nil }
            let times = stored.result.trials.flatMap(\.sides).filter { $0.side == side && $0.outcome.isValidReaction }
                .compactMap { $0.reactionTimeNanoseconds.map { Double($0) / 1e6 } }
            return DistributionChartSVG.Column(session: id, startedAtMilliseconds: point.startedAtMilliseconds, reactionTimesMilliseconds: times)
        }
    }
}

import DrillStats
import Testing

@Suite("Athlete progress across sessions")
struct AthleteProgressTests {
    static let day: Int64 = 86_400_000

    func point(_ id: String, day: Int64, median: Double?, valid: Int = 20) -> SessionPoint {
        SessionPoint(session: id, startedAtMilliseconds: 1_700_000_000_000 + day * Self.day, validCount: valid,
                     medianMilliseconds: median, meanSpeed: median.map { 1000 / $0 }, accuracy: 1)
    }

    @Test("the trend is per week over sessions spanning weeks, with familiarisation sessions left out")
    func weeklyTrend() throws {
        // Two familiarisation sessions (slow, learning), then one session a week improving 3 ms a week.
        let sessions = [point("f1", day: 0, median: 340), point("f2", day: 2, median: 320)]
            + (0..<6).map { point("s\($0)", day: 7 + Int64($0) * 7, median: 290 - 3 * Double($0)) }
        let progress = AthleteProgress(sessions: sessions)
        let trend = try #require(progress.trend)
        #expect(progress.familiarisationExcluded)
        #expect(trend.unit == .week && trend.sessions == 6)
        #expect(abs(trend.fit.slope - -3) < 1e-9)
        #expect(progress.entries.prefix(2).allSatisfy { $0.familiarisation && !$0.inTrend })
        #expect(progress.personalBest?.session == "s5")
    }

    @Test("sessions of one evening trend per session, not per week")
    func sameDayTrend() throws {
        let base: Int64 = 1_700_000_000_000
        let sessions = [250.0, 246, 249, 240].enumerated().map { index, median in
            SessionPoint(session: "d\(index)", startedAtMilliseconds: base + Int64(index) * 60_000, validCount: 20,
                         medianMilliseconds: median, meanSpeed: nil, accuracy: nil)
        }
        let progress = AthleteProgress(sessions: sessions)
        #expect(!progress.familiarisationExcluded)  // two settled sessions are too few to drop the first two
        #expect(progress.trend?.unit == .session)
        #expect(progress.trend?.x == [1, 2, 3, 4])
    }

    @Test("MDC95 is 1.96 × SD of consecutive differences, computed by hand")
    func minimalDetectableChange() throws {
        // Settled medians 300, 290, 296, 288 → differences −10, +6, −8: mean −4, SD = √((36+100+16)/2) = √76.
        let sessions = [point("f1", day: 0, median: 400), point("f2", day: 1, median: 380),
                        point("a", day: 8, median: 300), point("b", day: 15, median: 290),
                        point("c", day: 22, median: 296), point("d", day: 29, median: 288)]
        let progress = AthleteProgress(sessions: sessions)
        let mdc = try #require(progress.minimalDetectableChangeMilliseconds)
        #expect(abs(mdc - 1.959964 * 76.0.squareRoot()) < 1e-9)
        #expect(progress.latestChangeMilliseconds == -8)
        #expect(progress.latestChangeIsReal == false)  // 8 ms < 17.1 ms: within the athlete's noise
    }

    @Test("sessions with too few valid trials are listed but count for nothing")
    func tooFewValid() {
        let sessions = [point("a", day: 0, median: 200, valid: 3), point("b", day: 7, median: 260)]
        let progress = AthleteProgress(sessions: sessions)
        #expect(progress.personalBest?.session == "b")
        #expect(progress.entries.map(\.counted) == [false, true])
        #expect(progress.trend == nil)
    }

    @Test("no sessions at all: no trend, no best, no MDC")
    func empty() {
        let progress = AthleteProgress(sessions: [])
        #expect(progress.trend == nil && progress.personalBest == nil && progress.minimalDetectableChangeMilliseconds == nil)
    }
}

@Suite("Leaderboard rules")
struct LeaderboardTests {
    func candidate(_ athlete: String, _ session: String, median: Double, valid: Int = 20, at: Int64 = 0, accuracy: Double = 1, team: String? = nil) -> Leaderboard.Candidate {
        Leaderboard.Candidate(athlete: athlete, team: team, point: SessionPoint(
            session: session, startedAtMilliseconds: at, validCount: valid, medianMilliseconds: median,
            meanSpeed: 1000 / median, accuracy: accuracy))
    }

    @Test("each athlete appears once, ranked by their best counting session")
    func bestSessionPerAthlete() {
        let board = Leaderboard(candidates: [
            candidate("Ana", "a1", median: 260), candidate("Ana", "a2", median: 231),
            candidate("Ben", "b1", median: 240), candidate("Ben", "b2", median: 180, valid: 4),  // too few valid trials
        ])
        #expect(board.rows.map(\.athlete) == ["Ana", "Ben"])
        #expect(board.rows.map(\.best.session) == ["a2", "b1"])
        #expect(board.rows[0].countingSessions == 2 && board.rows[1].countingSessions == 1)
    }

    @Test("equal medians: more valid trials first, then the earlier session, then the name, each named")
    func tieBreaking() {
        let board = Leaderboard(candidates: [
            candidate("Cy", "c", median: 250, valid: 20, at: 5), candidate("Di", "d", median: 250, valid: 24, at: 9),
            candidate("Ed", "e", median: 250, valid: 20, at: 1), candidate("Al", "a", median: 250, valid: 20, at: 1),
        ])
        #expect(board.rows.map(\.athlete) == ["Di", "Al", "Ed", "Cy"])
        #expect(board.rows.map(\.rank) == [1, 2, 3, 4])
        #expect(board.rows.map(\.tieBrokenBy) == [nil, "more valid trials", "name", "earlier session"])
    }

    @Test("speed and accuracy rank highest first; accuracy ties go to the faster median")
    func otherMetrics() {
        let candidates = [candidate("Fast", "f", median: 200, accuracy: 0.9), candidate("Slow", "s", median: 300, accuracy: 0.9),
                          candidate("Sure", "u", median: 320, accuracy: 1)]
        #expect(Leaderboard(candidates: candidates, metric: .speed).rows.map(\.athlete) == ["Fast", "Slow", "Sure"])
        let accuracy = Leaderboard(candidates: candidates, metric: .accuracy)
        #expect(accuracy.rows.map(\.athlete) == ["Sure", "Fast", "Slow"])
        #expect(accuracy.rows[2].tieBrokenBy == "lower median RT")
    }
}

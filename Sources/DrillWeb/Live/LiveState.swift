import DrillCore
import DrillStats

/// What the live view shows of the station's drill: who, which cue, the last
/// reaction time, progress. A pure reduction of the engine's actions, so the
/// same actions always give the same picture.
public struct LiveState: Equatable, Sendable, Codable {
    /// Whether a drill runs.
    public enum Status: String, Equatable, Sendable, Codable {
        /// No drill has run since the server started.
        case idle
        case running
        /// The last drill ended (see `end`).
        case finished
    }

    /// Where the running trial is.
    public enum Phase: String, Equatable, Sendable, Codable {
        /// Between trials, or before the first.
        case ready
        /// Waiting before the cue: the athlete must not move.
        case foreperiod
        /// The cue is showing: respond.
        case cue
        /// Waiting for the athlete's answer after the cue went off.
        case responding
        /// Home-release drills: press and hold the home switch.
        case waitingForHome = "waiting_for_home"
        /// Gate runs: run through the start gate.
        case waitingForStart = "waiting_for_start"
        /// Partner drills: watch the partner; their move is the cue.
        case waitingForPartner = "waiting_for_partner"
        /// A rest between sets.
        case rest
        /// The drill is over.
        case done
    }

    /// The drill, as started.
    public struct Drill: Equatable, Sendable, Codable {
        public var profile: String
        public var profileVersion: Int
        public var title: String
        public var station: String
        public var seed: UInt64
        /// One entry per side, in the profile's side order.
        public var athletes: [SideAthlete]
        /// The session's number in the store (nil when not stored).
        public var sessionID: Int64?
        public var plannedTrials: Int
        /// Each light's colour on this station, for drawing it.
        public var lightColors: [String: String]
        /// How the drill is scored.
        public var score: DrillScore = .medianReactionTime
        /// The profile's lapse threshold (the running statistics use it).
        public var lapseThresholdMilliseconds: Double = 500
        /// Each block's set length (trials, a time limit, or hits), for the set counter.
        public var setLengths: [SetLength] = []
        /// Partner drills: the partner's switches (empty otherwise).
        public var partnerPads: [String] = []

        public init(
            profile: String, profileVersion: Int, title: String, station: String, seed: UInt64, athletes: [SideAthlete],
            sessionID: Int64?, plannedTrials: Int, lightColors: [String: String]
        ) {
            self.profile = profile
            self.profileVersion = profileVersion
            self.title = title
            self.station = station
            self.seed = seed
            self.athletes = athletes
            self.sessionID = sessionID
            self.plannedTrials = plannedTrials
            self.lightColors = lightColors
        }
    }

    /// A side and its athlete.
    public struct SideAthlete: Equatable, Sendable, Codable {
        public var side: String
        public var athlete: String

        public init(side: String, athlete: String) {
            self.side = side
            self.athlete = athlete
        }
    }

    /// The cue on show.
    public struct Cue: Equatable, Sendable, Codable {
        public var trialIndex: Int
        public var name: String?
        public var lights: [String]
        public var sound: String?
        /// The colour of each light the cue names (others show the station's colour).
        public var colors: [String: String] = [:]
        /// Partner drills: the partner's switch whose move was the cue.
        public var partnerSwitch: String?
    }

    /// One side's settled trial.
    public struct Result: Equatable, Sendable, Codable {
        public var trialIndex: Int
        public var side: String
        public var athlete: String
        public var outcome: Outcome
        /// For screens: "hit", "false start", …
        public var label: String
        /// Reaction time (hits, anticipations, errors), ms.
        public var reactionTimeMilliseconds: Double?
        /// Gate runs: start gate to target, ms.
        public var totalTimeMilliseconds: Double?
    }

    /// One side's running figures.
    public struct SideFigures: Equatable, Sendable, Codable {
        public var side: String
        public var athlete: String
        public var hits: Int
        public var judged: Int
        /// Median of the hits' reaction times so far, ms.
        public var medianMilliseconds: Double?
        /// Fastest hit so far, ms.
        public var bestMilliseconds: Double?
        /// The drill's score so far, as shown ("31 hits", "412 ms").
        public var score: String?
        /// Head-to-head: trials won so far (a tie counts for both).
        public var wins: Int?
    }

    public var status: Status = .idle
    public var phase: Phase = .ready
    public var drill: Drill?
    /// Counts every change, so clients can tell a new picture from a repeat.
    public var sequence: Int = 0
    public var block: String?
    public var set: Int?
    /// 1-based number of the trial under way.
    public var currentTrial: Int = 0
    public var completedTrials: Int = 0
    public var cue: Cue?
    /// The latest settled result (any side).
    public var last: Result?
    /// The latest results, newest first (at most `recentLimit`).
    public var recent: [Result] = []
    public var sides: [SideFigures] = []
    /// "complete", or why the drill stopped early; nil while running.
    public var end: String?
    /// A set that ends by time or hits: its counter ("hits 7 · 18 s left", "hits 7/20"), as of the last decision.
    public var setCounter: String?

    /// How many results `recent` keeps.
    public static let recentLimit = 8

    private var pendingCueName: String?
    private var running = RunningHits()
    /// The trials decided so far, for the running score.
    private var decided: [TrialRecord] = []
    /// Counts the set in progress (as the terminal does).
    private var counter: ProgressCounter?

    private enum CodingKeys: String, CodingKey {
        case status, phase, drill, sequence, block, set, currentTrial, completedTrials, cue, last, recent, sides, end, setCounter
    }

    public init() {}

    /// The picture at the start of `drill`.
    public init(starting drill: Drill, sequence: Int) {
        self.drill = drill
        self.sequence = sequence
        counter = ProgressCounter(setLengths: drill.setLengths, plannedTrials: drill.plannedTrials > 0 ? drill.plannedTrials : nil)
        status = .running
        sides = drill.athletes.map { SideFigures(side: $0.side, athlete: $0.athlete, hits: 0, judged: 0) }
    }

    /// Folds one engine action into the picture.
    public mutating func apply(_ action: EngineAction) {
        sequence += 1
        counter?.observe(action)
        switch action {
        case .blockStarted(_, let name):
            block = name
            set = nil
        case .setStarted(_, let number):
            set = number
            setCounter = nil
        case .restStarted:
            phase = .rest
            cue = nil
        case .waitingForHome:
            phase = .waitingForHome
        case .waitingForStartGate(let index, _):
            phase = .waitingForStart
            cue = cue?.trialIndex == index ? cue : nil  // a planned run's direction stays shown
            currentTrial = index + 1
        case .partnerCue(let trial, let partnerSwitch, _):
            phase = .cue
            pendingCueName = trial.cueName
            cue = Cue(trialIndex: trial.index, name: trial.cueName, lights: trial.lights, sound: nil, colors: trial.lightColors, partnerSwitch: partnerSwitch)
        case .trialStarted(let trial, _) where !(drill?.partnerPads.isEmpty ?? true):
            phase = .waitingForPartner
            cue = nil
            currentTrial = trial.index + 1
        case .trialStarted(let trial, _):
            phase = .foreperiod
            cue = nil
            currentTrial = trial.index + 1
            pendingCueName = trial.cueName
        case .presentCue(let request):
            phase = .cue
            cue = Cue(
                trialIndex: request.trialIndex, name: pendingCueName, lights: request.lights, sound: request.sound,
                colors: request.lightColors, partnerSwitch: cue?.trialIndex == request.trialIndex ? cue?.partnerSwitch : nil)
        case .lightsOff(let names):
            // With 'expect: all' each pad goes off as it is hit; the cue is over when none is left.
            cue?.lights.removeAll { names.contains($0) }
            if cue?.lights.isEmpty ?? true, cue?.partnerSwitch == nil {
                if phase == .cue { phase = .responding }
                cue = nil
            }
        case .sideDecided:
            break  // shown once the whole trial is decided and stored
        case .trialDecided(let trial):
            for result in trial.sides { record(trialIndex: trial.planned.index, result) }
            decided.append(trial)
            updateScores()
            setCounter = counter?.openSetLabel(now: trial.sides.map(\.decidedAt).max())
        case .trialCompleted:
            completedTrials += 1
            phase = .ready
            cue = nil
        case .finished(let how):
            if setCounter != nil, let timeUp = counter?.timeUpLabel { setCounter = timeUp }
            status = .finished
            phase = .done
            cue = nil
            end = how.reason ?? "complete"
        }
    }

    /// Each side's score (and head-to-head wins) over the trials decided so far.
    private mutating func updateScores() {
        // A median-RT drill shows its median already; head-to-head always shows the wins.
        guard let drill, drill.score != .medianReactionTime || sides.count > 1 else { return }
        for index in sides.indices {
            let side = sides[index].side
            let statistics = SessionStatistics(
                side: side, trials: decided, lapseThresholdMilliseconds: drill.lapseThresholdMilliseconds, headToHead: sides.count > 1,
                score: drill.score)
            sides[index].score = statistics.score.map(drill.score.format)
            sides[index].wins = statistics.wins
        }
    }

    private mutating func record(trialIndex: Int, _ result: SideResult) {
        let athlete = drill?.athletes.first { $0.side == result.side }?.athlete ?? result.side
        let milliseconds = result.reactionTimeNanoseconds.map { Double($0) / 1e6 }
        let entry = Result(
            trialIndex: trialIndex, side: result.side, athlete: athlete, outcome: result.outcome, label: result.outcome.label,
            reactionTimeMilliseconds: milliseconds, totalTimeMilliseconds: result.totalTimeNanoseconds.map { Double($0) / 1e6 })
        last = entry
        recent.insert(entry, at: 0)
        if recent.count > Self.recentLimit { recent.removeLast(recent.count - Self.recentLimit) }
        guard let index = sides.firstIndex(where: { $0.side == result.side }) else { return }
        sides[index].judged += 1
        running.record(result)
        sides[index].hits = running.count(side: result.side)
        sides[index].medianMilliseconds = running.medianMilliseconds(side: result.side)
        sides[index].bestMilliseconds = running.bestMilliseconds(side: result.side)
    }
}

import DrillCore
import DrillStation
import DrillStats

/// Keeps the interactive screen's status and result lines up to date.
final class ScreenPresenter {
    private let setup: DrillSetup
    private let screen: StationScreen
    private let soundAudible: Bool
    /// The drill's clock, for a rest's countdown.
    private let clock: any MonotonicClock
    private var countdown: RestCountdown?

    init(setup: DrillSetup, screen: StationScreen, soundAudible: Bool, clock: any MonotonicClock) {
        self.setup = setup
        self.screen = screen
        self.soundAudible = soundAudible
        self.clock = clock
        counter = ProgressCounter(plan: setup.plan)
    }

    private var counter: ProgressCounter
    /// Each side's hits so far, for the running median and best.
    private var hits = RunningHits()
    private let colored = Terminal.colorEnabled

    func show(_ action: EngineAction) {
        countdown?.cancel()  // before the status changes: whatever comes ends a rest
        countdown = nil
        counter.observe(action)
        switch action {
        case .blockStarted(let index, let name):
            screen.setStatus("block \(index + 1) of \(setup.plan.blocks.count): \(name)")
        case .restStarted(let until):
            let screen = screen
            countdown = RestCountdown(until: until, clock: clock) { seconds in
                screen.setStatus("rest: \(RestCountdown.text(seconds: seconds)) left (the next set starts by itself)")
            }
        case .waitingForHome(let index, let home):
            screen.setStatus("\(counter.label(trialIndex: index)): hold the home switch '\(home)' to start")
        case .waitingForStartGate(let index, let gate):
            screen.setStatus("\(counter.label(trialIndex: index)): run through the start gate '\(gate)'")
        case .partnerCue(let planned, let partnerSwitch, _):
            screen.setStatus("\(counter.label(trialIndex: planned.index)): the partner moved (\(partnerSwitch)): go!")
        case .trialStarted(let planned, _) where setup.profile.partner != nil:
            screen.showSound("")
            screen.setStatus("\(counter.label(trialIndex: planned.index)): watch your partner (the cue is their move)")
        case .trialStarted(let planned, _):
            screen.showSound("")
            screen.setStatus("\(counter.label(trialIndex: planned.index)) (\(planned.blockName)): wait for the cue…")
        case .presentCue(let request):
            if let sound = request.sound {
                screen.showSound(soundAudible ? "♪ \(sound)" : "♪ \(sound)  (no sound device: shown here)")
            }
            screen.setStatus("\(counter.label(trialIndex: request.trialIndex)): GO")
        case .trialDecided(let record):
            screen.setResult(record.sides.map { result in
                setup.whose(result.side) + Format.result(result, colored: colored)
            }.joined(separator: "  "))
            screen.setStatus(runningFigures(after: record))
        case .trialCompleted(let record) where setup.profile.isHeadToHead:
            let winners = record.winners.map { setup.athletes[$0] ?? $0 }
            if !winners.isEmpty {
                screen.setResult(winners.count == 1 ? "winner: \(winners[0])" : "tie: \(winners.joined(separator: " and "))")
            }
        case .finished:
            screen.setStatus("done")
        default:
            break
        }
    }

    /// The running median and best of each side's hits so far: `median 312 ms · best 251 ms (9 hits)`.
    private func runningFigures(after record: TrialRecord) -> String {
        for result in record.sides { hits.record(result) }
        return record.sides.map { result in
            let who = setup.whose(result.side)
            guard let best = hits.bestMilliseconds(side: result.side), let middle = hits.medianMilliseconds(side: result.side) else {
                return who + "no hit yet"
            }
            let count = hits.count(side: result.side)
            return who + "median \(Int(middle.rounded())) ms · best \(Int(best.rounded())) ms (\(count) hit\(count == 1 ? "" : "s"))"
        }.joined(separator: "   ")
    }
}

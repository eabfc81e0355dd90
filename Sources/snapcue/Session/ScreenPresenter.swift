import DrillCore
import DrillStation

/// Keeps the interactive screen's status and result lines up to date.
final class ScreenPresenter {
    private let setup: DrillSetup
    private let screen: StationScreen
    private let soundAudible: Bool

    init(setup: DrillSetup, screen: StationScreen, soundAudible: Bool) {
        self.setup = setup
        self.screen = screen
        self.soundAudible = soundAudible
        counter = ProgressCounter(plan: setup.plan)
    }

    private var counter: ProgressCounter

    func show(_ action: EngineAction) {
        counter.observe(action)
        switch action {
        case .blockStarted(let index, let name):
            screen.setStatus("block \(index + 1) of \(setup.plan.blocks.count): \(name)")
        case .restStarted:
            screen.setStatus("rest: the next set starts by itself")
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
        case .trialDecided(let record):
            screen.setResult(record.sides.map { result in
                (setup.profile.isHeadToHead ? "\(setup.athletes[result.side] ?? result.side): " : "") + Format.result(result)
            }.joined(separator: "  "))
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
}

import DrillCore
import DrillStation

/// Live progress as lines of text: each trial's cue and result as it is
/// decided, with a progress bar redrawn in place on a terminal (a rest counts
/// down there) and plain lines when the output is a pipe or a CI log.
final class ProgressPrinter {
    private let setup: DrillSetup
    private let redraw: Bool
    private let write: @Sendable (String) -> Void
    /// The drill's clock, for a rest's countdown (nil: no countdown).
    private let clock: (any MonotonicClock)?
    private var countdown: RestCountdown?
    private var done = 0
    private var cueNames: [Int: String] = [:]
    private var barShown = false
    private var counter: ProgressCounter
    /// Colour each result by its outcome (a terminal, and no NO_COLOR).
    private let colored = Terminal.colorEnabled

    init(setup: DrillSetup, redraw: Bool, clock: (any MonotonicClock)? = nil, write: @escaping @Sendable (String) -> Void) {
        self.setup = setup
        self.redraw = redraw
        self.clock = clock
        self.write = write
        counter = ProgressCounter(plan: setup.plan)
    }

    /// Trials in the plan; nil when sets end by time or hits.
    private var total: Int? { setup.plan.plannedTotal > 0 ? setup.plan.plannedTotal : nil }

    func show(_ action: EngineAction) {
        countdown?.cancel()  // before anything else is written: whatever comes ends a rest
        countdown = nil
        counter.observe(action)
        switch action {
        case .blockStarted(let index, let name):
            let block = setup.plan.blocks[index]
            line("— block \(index + 1)/\(setup.plan.blocks.count) '\(name)': \(block.rules.foreperiod.summary) foreperiod, timeout \(block.rules.timeout.compactDescription)")
        case .setStarted(let blockIndex, let set):
            let sets = setup.plan.blocks[blockIndex].sets
            if sets > 1 { line("  set \(set) of \(sets)") }
        case .restStarted(let until):
            line("  rest… (the next set starts by itself)")
            if redraw, let clock { countRest(until: until, clock: clock) }
        case .waitingForHome(let index, let home):
            status("trial \(index + 1): waiting for the athlete on '\(home)'")
        case .waitingForStartGate(let index, let gate):
            status("trial \(index + 1): waiting for the run through '\(gate)'")
        case .partnerCue(let planned, let partnerSwitch, _):
            cueNames[planned.index] = partnerSwitch
            status("trial \(planned.index + 1): the partner moved (\(partnerSwitch))")
        case .trialStarted(let planned, _) where setup.profile.partner != nil:
            status("trial \(planned.index + 1): watch the partner…")
        case .trialStarted(let planned, _):
            cueNames[planned.index] = planned.cueName ?? "(catch: no cue)"
            status("trial \(planned.index + 1): wait for it…")
        case .presentCue(let request):
            status("trial \(request.trialIndex + 1): cue \(describe(request))")
        case .trialDecided(let record):
            trialDecided(record, results: record.sides)
        case .trialCompleted(let record):
            done = record.planned.index + 1
        case .finished:
            if barShown && redraw { write(ANSI.clearLine) }
        case .lightsOff, .sideDecided:
            break
        }
    }

    private func trialDecided(_ record: TrialRecord, results: [SideResult]) {
        let index = record.planned.index
        let parts = results.map { result in
            setup.whose(result.side) + Format.result(result, colored: colored)
        }
        let decidedAt = results.map(\.decidedAt).max()
        let label = Format.pad(counter.label(trialIndex: index, now: decidedAt), 14)
        line("  \(label) \(Format.pad(record.planned.blockName, 10)) cue \(Format.pad(cueNames[index] ?? "-", 8)) → " + parts.joined(separator: " | "))
        done = index + 1
        status("")
    }

    /// The progress bar with the rest's time left, once a second.
    private func countRest(until: MonotonicInstant, clock: any MonotonicClock) {
        let bar = barText
        let write = write
        countdown = RestCountdown(until: until, clock: clock) { seconds in
            write(ANSI.clearLine + bar + "  rest: \(RestCountdown.text(seconds: seconds)) left")
        }
    }

    private func describe(_ request: CueRequest) -> String {
        (request.lights.map { "light \($0)" } + (request.sound.map { ["sound \($0)"] } ?? [])).joined(separator: " + ")
    }

    private func line(_ text: String) {
        write((redraw ? ANSI.clearLine : "") + text + "\n")
        if redraw { drawBar(note: "") }
    }

    private func status(_ note: String) {
        guard redraw else { return }
        drawBar(note: note)
    }

    private func drawBar(note: String) {
        barShown = true
        write(ANSI.clearLine + barText + "  " + note)
    }

    private var barText: String {
        if let total { return Format.bar(done: done, total: total) + " \(done)/\(total)" }
        return "trials \(done) · hits \(counter.hitsInSet)"
    }
}

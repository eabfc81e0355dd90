import DrillCore
import DrillLinux
import Foundation
import Synchronization

/// Finds sound cues in the captured samples: a cue starts after at least
/// 100 ms below the threshold, and its first frame is the zero just before
/// the first nonzero sample of that run (the loopback is digital, silence is
/// exact zeros, and Snapcue's tones start at zero), as `check_sound.py` does.
struct OnsetDetector {
    static let threshold: Int16 = 2000
    static let quietFrames = 4800

    private var quiet = quietFrames
    /// The last samples seen, to walk back from a threshold crossing (an attack of a few ms) across periods.
    private var history: [Int16] = []
    private var historyStart: Int64 = 0

    /// The first frames of the cues that cross the threshold in `samples`,
    /// whose first sample is frame `first` of the capture.
    mutating func feed(_ samples: [Int16], first: Int64) -> [Int64] {
        if history.count > 4800 {
            let drop = history.count - 4800
            history.removeFirst(drop)
            historyStart += Int64(drop)
        }
        if history.isEmpty { historyStart = first }
        let offset = Int(first - historyStart)
        history.append(contentsOf: samples)
        var onsets: [Int64] = []
        for (index, sample) in samples.enumerated() {
            guard abs(Int(sample)) > Int(Self.threshold) else {
                quiet += 1
                continue
            }
            if quiet >= Self.quietFrames {
                var start = offset + index
                while start > 0, history[start - 1] != 0 { start -= 1 }
                onsets.append(historyStart + Int64(start) - 1)
            }
            quiet = 0
        }
        return onsets
    }
}

/// The frame ↔ CLOCK_MONOTONIC mapping of the capture, from the card's
/// position readings: the upper envelope of the last 3 s at the nominal
/// rate (a reading only lags the card, never leads it). Its own code, not
/// Snapcue's `FrameClockFit`: the truth must not share the code it judges.
struct CaptureClock {
    let rate: Double
    private var readings: [(frame: Int64, at: Int64)] = []

    init(rate: Int) { self.rate = Double(rate) }

    mutating func add(frame: Int64, at: MonotonicInstant) {
        readings.append((frame, at.nanoseconds))
        while let first = readings.first, at.nanoseconds - first.at > 3_000_000_000 { readings.removeFirst() }
    }

    /// When the card captured `frame`, or nil before any reading.
    func instant(ofFrame frame: Int64) -> MonotonicInstant? {
        guard let last = readings.last else { return nil }
        // Each reading's intercept, relative to the last one's time; the largest lags least.
        let lead = readings.map { Double($0.frame - last.frame) - rate * Double($0.at - last.at) / 1e9 }.max()!
        let frameAtLast = Double(last.frame) + lead
        return MonotonicInstant(nanoseconds: last.at + Int64(((Double(frame) - frameAtLast) / rate * 1e9).rounded()))
    }
}

/// Hands the athlete's hands, the response switch and the truth file to the responder thread (only it uses them).
struct ResponderHandoff: @unchecked Sendable {
    let athlete: Athlete
    let line: SimulatedLine
    let truth: RecordFile
}

/// The athlete's reactions to sound (`--listen` with `--respond`): for each
/// cue heard, it presses the response switch a chosen reaction time after
/// the moment the card captured the cue's first frame, on its own thread,
/// and writes what it did to the truth ("sound_response": the frame, when it
/// was heard, when the press was written).
final class SoundResponder: Sendable {
    private struct Pending: Sendable {
        let frame: Int64
        let heard: MonotonicInstant
        let reaction: Double
    }

    private enum Next: Sendable {
        case press(Pending), wait, stop
    }

    private let queue = Mutex<(pending: [Pending], stopped: Bool)>(([], false))
    private let finished = DispatchSemaphore(value: 0)
    private let reactions: [Double]
    private let responses = Atomic<Int>(0)

    init(options: AthleteOptions, target: (name: String, offset: Int)) throws {
        reactions = options.reactions
        let handoff = ResponderHandoff(
            athlete: Athlete(options: options),
            line: try SimulatedLine(chipDirectory: options.chipDirectory, offset: target.offset),
            truth: try RecordFile(path: options.truthPath))
        let name = target.name
        handoff.line.pull(up: options.activeLow)
        let thread = Thread { [self] in
            nameCurrentThread("athlete-hands")
            _ = RealtimeThread.configureCurrentThread(priority: 70, lockMemory: false)
            let clock = SystemMonotonicClock()
            while true {
                let next = queue.withLock { state -> Next in
                    if !state.pending.isEmpty { return .press(state.pending.removeFirst()) }
                    return state.stopped ? .stop : .wait
                }
                guard case .press(let press) = next else {
                    if case .stop = next { break }
                    clock.sleep(until: clock.now() + .microseconds(200))
                    continue
                }
                let due = press.heard + .microseconds(Int64(press.reaction * 1000))
                var fields = handoff.athlete.pressAndRelease(handoff.line, at: due, bounce: false)
                fields.merge([
                    "kind": "sound_response", "frame": press.frame, "heard_ns": press.heard.nanoseconds, "switch": name,
                    "intended_rt_ms": press.reaction,
                ]) { $1 }
                handoff.truth.record(fields)
            }
            try? handoff.truth.close()
            finished.signal()
        }
        thread.start()
    }

    /// A cue whose first frame `frame` the card captured at `heard`.
    func heard(frame: Int64, at heard: MonotonicInstant) {
        let count = responses.add(1, ordering: .relaxed).oldValue
        let reaction = reactions[count % reactions.count]
        queue.withLock { $0.pending.append(Pending(frame: frame, heard: heard, reaction: reaction)) }
    }

    /// Finishes the responses queued, then stops.
    func stop() {
        queue.withLock { $0.stopped = true }
        finished.wait()
    }
}

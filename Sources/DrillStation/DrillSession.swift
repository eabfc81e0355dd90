import DrillCore
import DrillLinux
import Foundation

/// Runs a drill: the runner on its own cue thread ("snapcue-cue", real-time
/// where permitted), the session record, the store and the display on the
/// calling thread.
public enum DrillSession {
    /// Each decided trial is stored (by `setup.keeper`) before `display` sees it.
    ///
    /// On a simulated clock the cue thread runs far ahead of the display; there a
    /// stop request (`stop`) also ends the display side's work: trials decided but
    /// not yet stored or shown are dropped, so the drill ends within moments, as
    /// stopped. On a real clock every decided trial is kept.
    /// - Parameters:
    ///   - realtime: the cue thread's real-time request; `onRealtime` gets what was granted (on the cue thread).
    ///   - display: sees each action on the calling thread, after the keeper.
    public static func run(
        _ setup: DrillSetup, ports: DrillPorts, realtime: RealtimeRequest = .none, stop: StopSignal? = nil,
        onRealtime: @escaping @Sendable (RealtimeThread.Report) -> Void = { _ in },
        display: (EngineAction) -> Void
    ) -> SessionResult {
        var session = setup.newSession()
        let queue = ActionQueue()
        let onCueThread = ports.onCueThread
        let runner = DrillRunner(
            engine: DrillEngine(plan: setup.plan, profile: setup.profile), clock: ports.clock, lights: ports.lights,
            sound: ports.sound, switches: ports.switches,
            observe: { action in
                onCueThread(action)
                queue.push(action)
            })
        let handoff = Handoff(value: runner)
        CueThread.start(realtime: realtime, onRealtime: onRealtime) {
            handoff.value.run()
            queue.close()
        }
        while let batch = queue.next() {
            for var action in batch {
                if ports.runsAhead, let stop, stop.isRequested {
                    // Only the end is kept, as stopped: the simulated trials decided meanwhile were never shown.
                    guard case .finished(let end) = action else { continue }
                    if end == .complete { action = .finished(.stopped) }
                }
                session.record(action)
                setup.keeper?.handle(action)
                display(action)
            }
        }
        return session
    }
}

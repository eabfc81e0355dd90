import DrillCore
import Testing
@testable import DrillSim

/// A light output whose set call spends 30 µs before it reaches the kernel
/// and 40 µs in it, on the manual clock. It has no timing of its own, so the
/// runner times it with `LightOutput`'s default (the whole set call).
final class SlowLights: LightOutput {
    let clock: ManualClock
    let lookup: Duration = .microseconds(30)
    let kernel: Duration = .microseconds(40)

    init(clock: ManualClock) { self.clock = clock }

    func set(_ lights: [String], on: Bool) throws {
        clock.advance(by: lookup + kernel)
    }
}

/// The same light output, bracketing the kernel part only, as the GPIO lights
/// do. (Not a subclass: a subclass cannot replace a protocol extension's
/// default that its superclass's conformance already chose.)
final class KernelTimedLights: LightOutput {
    let slow: SlowLights
    var clock: ManualClock { slow.clock }
    var lookup: Duration { slow.lookup }
    var kernel: Duration { slow.kernel }

    init(clock: ManualClock) { slow = SlowLights(clock: clock) }

    func set(_ lights: [String], on: Bool) throws { try slow.set(lights, on: on) }

    func switchOn(_ lights: [String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        self.clock.advance(by: lookup)
        let start = clock.now()
        self.clock.advance(by: kernel)
        return TimedSpan(start: start, end: clock.now())
    }
}

@Suite("A light's onset is timed by what the light output brackets")
struct LightOnsetTimingTests {
    func onsetAndSetTime(timesOnlyKernel: Bool) throws -> (onsetAfterDeadline: Int64, setNanoseconds: Int64?) {
        let profile = try Profile.parse("""
            name: a
            version: 1
            cues: {go: {light: pad, expect: pad}}
            defaults: {foreperiod: 1s, timeout: 1s, intertrial: 500ms}
            blocks: [{trials: 1}]
            """, file: "a.yaml")
        let plan = try PlanGenerator(profile: profile).plan(seed: 1)
        let clock = ManualClock(start: .zero)
        var session = SessionResult(profile: profile, seed: 1, station: "t", athletes: [:], startedAt: "", plannedTrials: 1)
        let runner = DrillRunner(
            engine: DrillEngine(plan: plan, profile: profile), clock: clock, lights: timesOnlyKernel ? KernelTimedLights(clock: clock) : SlowLights(clock: clock),
            sound: nil, switches: ScriptedSwitches(clock: clock, edges: []), observe: { session.record($0) })
        runner.run()
        let trial = try #require(session.trials.first)
        let onset = try #require(trial.onset)
        return ((onset - trial.scheduledOnset).nanoseconds, trial.timing.lightSetNanoseconds)
    }

    @Test("an output that times only its kernel call puts the onset in the middle of that call, not of the lookups before it")
    func kernelCallOnly() throws {
        let timed = try onsetAndSetTime(timesOnlyKernel: true)
        #expect(timed.onsetAfterDeadline == 30_000 + 20_000)
        #expect(timed.setNanoseconds == 40_000)
    }

    @Test("an output without its own timing is timed around the whole set call")
    func wholeCallByDefault() throws {
        let timed = try onsetAndSetTime(timesOnlyKernel: false)
        #expect(timed.onsetAfterDeadline == 35_000)
        #expect(timed.setNanoseconds == 70_000)
    }
}

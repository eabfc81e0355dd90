import DrillCore
import DrillLinux
import DrillSim

/// The simulated station with its virtual athletes, the one rule for the CLI and the web app.
enum LiveSimulatedStation {
    /// The default seed of the virtual athletes: derived from the plan's, so a seed gives the same drill and answers.
    static func athleteSeed(planSeed: UInt64) -> UInt64 { planSeed ^ 0x5EED_A7B1_E7E5 }

    /// The clock of a live drill on the simulated station: it waits like the GPIO station's cue thread
    /// (block, then spin to the deadline), so its lateness figures mean the same.
    static let liveClock = PreciseSleepingClock()

    /// A station for `setup`. `fast`: on a manual clock, the whole drill at once; otherwise live, with
    /// waits sliced so a stop request is seen within 50 ms.
    static func make(_ setup: DrillSetup, fast: Bool, athleteSeed: UInt64? = nil, stop: StopSignal) -> (station: SimulatedStation, clock: any SleepingClock) {
        let clock: any SleepingClock = fast ? ManualClock() : liveClock
        let station = SimulatedStation(
            profile: setup.profile, clock: clock,
            athleteModels: setup.profile.sides.map { _ in AthleteModel() },
            athleteSeed: athleteSeed ?? Self.athleteSeed(planSeed: setup.plan.seed), stop: stop,
            sleepSlice: fast ? nil : .milliseconds(50))
        return (station, clock)
    }
}

import DrillCore
import DrillLinux
import DrillSim

/// The clock and the three ports a drill runs through (lights, sound,
/// switches), opened before any cue so a busy line or a missing device is the
/// caller's error, and closed (lights off, sound stopped) by `close()`.
public struct DrillPorts {
    public let clock: any MonotonicClock
    public let lights: any LightOutput
    public let sound: (any SoundOutput)?
    public let switches: any SwitchInput
    /// Sees each action on the cue thread first (the virtual athletes watch the drill through it).
    public let onCueThread: (EngineAction) -> Void
    /// Whether the drill runs ahead of real time (a simulated clock): see `DrillSession.run`.
    public let runsAhead: Bool
    private let closing: () -> Void

    public init(
        clock: any MonotonicClock, lights: any LightOutput, sound: (any SoundOutput)?, switches: any SwitchInput,
        onCueThread: @escaping (EngineAction) -> Void = { _ in }, runsAhead: Bool = false, close: @escaping () -> Void = {}
    ) {
        self.clock = clock
        self.lights = lights
        self.sound = sound
        self.switches = switches
        self.onCueThread = onCueThread
        self.runsAhead = runsAhead
        closing = close
    }

    /// Lights off, sound stopped, lines released.
    public func close() { closing() }

    /// The default seed of the virtual athletes: derived from the plan's, so a seed gives the same drill and answers.
    public static func athleteSeed(planSeed: UInt64) -> UInt64 { planSeed ^ 0x5EED_A7B1_E7E5 }

    /// The clock of a live drill on the simulated station: it waits like the GPIO station's cue thread
    /// (block, then spin to the deadline), so its lateness figures mean the same.
    public static let liveClock = PreciseSleepingClock()

    /// The simulated station with its virtual athletes. `fast`: on a manual clock, the whole drill
    /// at once; otherwise live, with waits sliced so a stop request is seen within 50 ms.
    public static func simulated(_ setup: DrillSetup, fast: Bool, athleteSeed: UInt64? = nil, stop: StopSignal) -> DrillPorts {
        let clock: any SleepingClock = fast ? ManualClock() : liveClock
        let station = SimulatedStation(
            profile: setup.profile, clock: clock,
            athleteModels: setup.profile.sides.map { _ in AthleteModel() },
            athleteSeed: athleteSeed ?? Self.athleteSeed(planSeed: setup.plan.seed), stop: stop,
            sleepSlice: fast ? nil : .milliseconds(50))
        return DrillPorts(
            clock: clock, lights: station.lights, sound: station.sound, switches: station,
            onCueThread: { station.observe($0) }, runsAhead: fast)
    }

    /// A GPIO station's lines (kernel edge timestamps) and, when the drill has sound cues, its ALSA stream.
    public static func gpio(_ setup: DrillSetup, stop: StopSignal) throws -> DrillPorts {
        let clock = SystemMonotonicClockAdapter.clock
        let station = try GPIOStation(station: setup.station, clock: clock, stopRequested: { stop.isRequested })
        let sound = setup.profile.requiredSounds.isEmpty
            ? nil : try ALSASoundOutput(station: setup.station, directory: setup.stationDirectory)
        return DrillPorts(
            clock: clock, lights: station.lights, sound: sound, switches: station.switches,
            close: {
                station.lights.allOff()
                sound?.stop()
            })
    }

    /// The station's own ports: GPIO (and ALSA) on a wired station; the simulated station with its
    /// virtual athletes, live, on `sim`.
    public static func open(_ setup: DrillSetup, stop: StopSignal) throws -> DrillPorts {
        setup.station.isSimulated ? simulated(setup, fast: false, stop: stop) : try gpio(setup, stop: stop)
    }
}

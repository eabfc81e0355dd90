import DrillCore
import Synchronization

/// A station with no hardware: lights and sound are recorded, and virtual
/// athletes press the switches. With a `ManualClock` a whole drill runs in
/// microseconds of real time; with a real clock it runs live (the demo).
public final class SimulatedStation: SwitchInput {
    /// The lights port.
    public let lights: SimulatedLights
    /// The sound port.
    public let sound: SimulatedSound
    private let clock: any SleepingClock
    private let stop: StopSignal
    private let sleepSlice: Duration?
    private var athletes: [VirtualAthlete]
    private let partner: VirtualPartner?
    private var scheduled: [SwitchEdge] = []

    /// - Parameters:
    ///   - clock: a `ManualClock` to run as fast as possible, a real clock to run live.
    ///   - sleepSlice: with a real clock, the longest single sleep, so a stop request is seen promptly.
    ///   - athleteModels: the model of each side's athlete, in the profile's side order.
    ///   - partnerModel: partner drills: how the virtual partner moves.
    public init(
        profile: Profile, clock: any SleepingClock, athleteModels: [AthleteModel], athleteSeed: UInt64,
        partnerModel: PartnerModel = PartnerModel(), stop: StopSignal = StopSignal(), sleepSlice: Duration? = nil
    ) {
        self.clock = clock
        self.stop = stop
        self.sleepSlice = sleepSlice
        athletes = profile.sides.enumerated().map { index, side in
            VirtualAthlete(
                side: side, sideIndex: index, model: athleteModels[min(index, athleteModels.count - 1)],
                seed: athleteSeed, profile: profile)
        }
        partner = VirtualPartner(profile: profile, model: partnerModel, seed: athleteSeed)
        lights = SimulatedLights(clock: clock)
        sound = SimulatedSound()
        lights.onLightsOn = { [unowned self] instant in self.cueSeen(at: instant) }
        sound.onSoundStart = { [unowned self] instant in self.cueSeen(at: instant) }
    }

    /// Lets the athletes see what the drill shows between cues (a trial
    /// starting, the home-switch prompt). Call it from the runner's observer.
    public func observe(_ action: EngineAction) {
        switch action {
        case .trialStarted(let planned, let start):
            for athlete in athletes { schedule(athlete.trialStarted(planned, at: start)) }
            if let partner { schedule(partner.trialStarted(at: start)) }
        case .waitingForHome:
            for athlete in athletes { schedule(athlete.waitingForHome(at: clock.now())) }
        case .waitingForStartGate(_, let gate):
            for athlete in athletes { schedule(athlete.waitingForStartGate(gate, at: clock.now())) }
        case .partnerCue(let planned, _, let onset):
            for athlete in athletes { schedule(athlete.partnerCue(planned, at: onset)) }
        default:
            break
        }
    }

    public func pressedSwitches() throws -> Set<String> { [] }

    public func waitForEdge(until deadline: MonotonicInstant?) throws -> InputWaitResult {
        while true {
            if stop.isRequested { return .stopRequested }
            let nextEdge = scheduled.first?.timestamp
            guard let target = [nextEdge, deadline].compactMap({ $0 }).min() else {
                throw StationFault("simulated station: the drill waits for a switch that no athlete will press")
            }
            var wake = target
            if let sleepSlice { wake = min(target, clock.now() + sleepSlice) }
            clock.sleep(until: wake)
            guard wake == target else { continue }
            if let edge = scheduled.first, edge.timestamp <= target {
                scheduled.removeFirst()
                return .edge(edge)
            }
            return .deadline
        }
    }

    private func cueSeen(at instant: MonotonicInstant) {
        for athlete in athletes { schedule(athlete.cueOnset(at: instant)) }
    }

    /// Adds edges to the timeline, keeping it sorted (stable for equal times).
    private func schedule(_ edges: [SwitchEdge]) {
        for edge in edges {
            let index = scheduled.firstIndex { $0.timestamp > edge.timestamp } ?? scheduled.endIndex
            scheduled.insert(edge, at: index)
        }
    }
}

/// Simulated lights: remembers which are on and tells the athletes.
public final class SimulatedLights: LightOutput {
    private let clock: any MonotonicClock
    /// The lights currently on.
    public private(set) var lit: Set<String> = []
    /// The colour each light on was asked to show (absent: its own colour).
    public private(set) var litColors: [String: String] = [:]
    /// Every change, for tests and displays: (instant, light, on).
    public private(set) var history: [(instant: MonotonicInstant, light: String, on: Bool)] = []
    var onLightsOn: ((MonotonicInstant) -> Void)?

    /// Lights that record changes against `clock` (tests can use them without a station).
    public init(clock: any MonotonicClock) { self.clock = clock }

    public func set(_ lights: [String], on: Bool) throws {
        let instant = clock.now()
        for light in lights {
            if on { lit.insert(light) } else { lit.remove(light) }
            if !on { litColors[light] = nil }
            history.append((instant, light, on))
        }
        if on { onLightsOn?(instant) }
    }

    public func switchOn(_ lights: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        for light in lights { litColors[light] = colors[light] }
        let start = clock.now()
        try set(lights, on: true)
        return TimedSpan(start: start, end: clock.now())
    }
}

/// Simulated sound: plays exactly on time and tells the athletes.
public final class SimulatedSound: SoundOutput {
    /// Every sound played: (onset, name).
    public private(set) var played: [(onset: MonotonicInstant, name: String)] = []
    var onSoundStart: ((MonotonicInstant) -> Void)?

    public func play(_ name: String, at instant: MonotonicInstant) throws -> SoundOnset {
        played.append((instant, name))
        onSoundStart?(instant)
        return SoundOnset(instant: instant, uncertainty: .zero)
    }
}

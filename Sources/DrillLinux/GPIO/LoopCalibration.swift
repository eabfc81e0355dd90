import DrillCore

/// Measures a station's own cue-onset → edge-timestamp latency: a jumper
/// wire from a light's pin to a switch's pin (or a photodiode on the light
/// feeding a switch input) closes the loop, and each cue's light onset is
/// compared with the kernel timestamp of the edge it causes.
public struct LoopCalibration: Sendable {
    /// One cue of the calibration.
    public struct Sample: Sendable, Codable {
        /// Light-set start − deadline (scheduler lateness), ns.
        public var latenessNanoseconds: Int64
        /// Light-set duration, ns.
        public var lightSetNanoseconds: Int64
        /// Edge timestamp − onset (midpoint of the light-set call), ns; nil if no edge came.
        public var loopNanoseconds: Int64?
    }

    public let light: String
    public let switchName: String
    public let clock: SystemMonotonicClock
    /// How long to wait for the edge before counting the cue as lost.
    public var edgeTimeout: Duration = .milliseconds(500)

    public init(light: String, switchName: String, clock: SystemMonotonicClock = SystemMonotonicClock()) {
        self.light = light
        self.switchName = switchName
        self.clock = clock
    }

    /// Runs `count` cues at seeded random gaps of 20–60 ms. Call it on a
    /// thread configured with `RealtimeThread`.
    public func run(count: Int, lights: any LightOutput, switches: any SwitchInput, seed: UInt64 = 1) throws -> [Sample] {
        var generator = SeededGenerator(seed: seed)
        var samples: [Sample] = []
        samples.reserveCapacity(count)
        try lights.set([light], on: false)
        try drain(switches, until: clock.now() + .milliseconds(50))
        for _ in 0..<count {
            let gap = Duration.milliseconds(20) + .microseconds(Int64(generator.nextIndex(below: 40_000)))
            let deadline = clock.now() + gap
            try drain(switches, until: deadline)
            let lightSet = try lights.switchOn([light], timedBy: clock)
            let onset = lightSet.midpoint
            var sample = Sample(
                latenessNanoseconds: (lightSet.start - deadline).nanoseconds, lightSetNanoseconds: lightSet.length.nanoseconds)
            // The first transition of the loop's switch after onset is the answer, whatever its type:
            // the loop does nothing else, and a lost earlier edge can make the kernel's type look wrong.
            let giveUp = onset + edgeTimeout
            while clock.now() < giveUp {
                if case .edge(let edge) = try switches.waitForEdge(until: giveUp), edge.switchName == switchName, edge.timestamp >= lightSet.start {
                    sample.loopNanoseconds = (edge.timestamp - onset).nanoseconds
                    break
                }
            }
            try lights.set([light], on: false)
            samples.append(sample)
            if case .stopRequested = try switches.waitForEdge(until: clock.now()) { break }
        }
        try drain(switches, until: clock.now() + .milliseconds(20))
        return samples
    }

    /// Consumes edges (the release after each cue) until `deadline`.
    private func drain(_ switches: any SwitchInput, until deadline: MonotonicInstant) throws {
        while true {
            switch try switches.waitForEdge(until: deadline) {
            case .edge: continue
            case .deadline: return
            case .stopRequested: throw StationFault(DrillEnd.stoppedReason)
            }
        }
    }
}

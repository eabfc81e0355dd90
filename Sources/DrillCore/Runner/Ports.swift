/// Switches lights on and off: GPIO lines on a station, a terminal or a
/// simulated panel elsewhere.
public protocol LightOutput: AnyObject {
    /// Sets the named lights. Called on the cue thread at the cue's onset, so
    /// implementations do nothing else there.
    func set(_ lights: [String], on: Bool) throws
    /// Switches the named lights on, reading `clock` just before and just
    /// after the calls that change them: the onset lies within the span
    /// returned. Outputs time as little else as they can (name lookups come
    /// first); the default times the whole `set`.
    func switchOn(_ lights: [String], timedBy clock: any MonotonicClock) throws -> TimedSpan
    /// Switches the named lights on in the colours given (`light → colour`;
    /// a light not named shows its own colour), every line of the cue in one
    /// timed span: one onset. Outputs with a single colour per light ignore `colors`.
    func switchOn(_ lights: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan
}

extension LightOutput {
    public func switchOn(_ lights: [String], colors: [String: String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        try switchOn(lights, timedBy: clock)
    }

    public func switchOn(_ lights: [String], timedBy clock: any MonotonicClock) throws -> TimedSpan {
        let start = clock.now()
        try set(lights, on: true)
        return TimedSpan(start: start, end: clock.now())
    }
}

/// When a sound cue reaches the listener, as well as the output can tell.
public struct SoundOnset: Equatable, Sendable {
    /// The onset on the CLOCK_MONOTONIC timeline.
    public var instant: MonotonicInstant
    /// Half-width of the window the onset lies in.
    public var uncertainty: Duration
    /// Problems seen (e.g. an xrun).
    public var flags: [TimingFlag]

    public init(instant: MonotonicInstant, uncertainty: Duration, flags: [TimingFlag] = []) {
        self.instant = instant
        self.uncertainty = uncertainty
        self.flags = flags
    }
}

/// Plays cue sounds.
public protocol SoundOutput: AnyObject {
    /// How long before its onset a cue must be handed over to be placed
    /// exactly (the output's buffer and a margin); zero for outputs that can
    /// start a sound at any instant.
    var lookahead: Duration { get }
    /// Schedules sound `name` so that it reaches the output at `instant` (or
    /// as soon after as the output allows) and says when it will.
    func play(_ name: String, at instant: MonotonicInstant) throws -> SoundOnset
    /// Withdraws a sound scheduled for `instant` that has not started yet
    /// (the trial ended before its cue). Returns whether it was withdrawn.
    func cancel(_ name: String, at instant: MonotonicInstant) -> Bool
    /// Output problems seen since the last call (e.g. xruns), for the trial in progress.
    func takeQualityFlags() -> [TimingFlag]
}

extension SoundOutput {
    public var lookahead: Duration { .zero }
    public func cancel(_ name: String, at instant: MonotonicInstant) -> Bool { false }
    public func takeQualityFlags() -> [TimingFlag] { [] }
}

/// What ended a wait for input.
public enum InputWaitResult: Equatable, Sendable {
    /// A switch changed.
    case edge(SwitchEdge)
    /// The deadline came with no edge.
    case deadline
    /// Someone asked the drill to stop (Ctrl-C, the trainer).
    case stopRequested
}

/// Reports switch edges with their timestamps.
public protocol SwitchInput: AnyObject {
    /// The switches pressed right now.
    func pressedSwitches() throws -> Set<String>
    /// Waits for the next edge, until `deadline` (nil: no deadline), or a stop request.
    func waitForEdge(until deadline: MonotonicInstant?) throws -> InputWaitResult
    /// Input problems seen since the last call (bounce, dropped edges), for the trial in progress.
    func takeQualityFlags() -> [TimingFlag]
}

extension SwitchInput {
    public func takeQualityFlags() -> [TimingFlag] { [] }
}

/// A port failed mid-drill: a light, switch or sound device fault.
public struct StationFault: Error, CustomStringConvertible, Sendable {
    /// What failed, in words a user can act on.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

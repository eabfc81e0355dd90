import ArgumentParser
import DrillCore
import DrillLinux
import DrillStation
import Foundation

/// `snapcue run`: a drill for a real athlete at the keyboard (simulated
/// station), or for the virtual athlete.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a drill profile for an athlete.",
        discussion: """
            On a GPIO station (a station file with chip/line entries, see Hardware/) the cue thread runs with
            real-time priority where permitted and reaction times come from kernel edge timestamps.
            On the simulated station ('--station sim') the terminal shows the lights as big coloured blocks
            and keys are the switches (space for a one-switch drill, 1-4 for pads, h toggles the home switch,
            a/l for head-to-head). Sound cues go to the ALSA 'default' device when there is one.
            q, Esc or Ctrl-C ends the drill cleanly and prints what was done.
            """)

    @Argument(help: "The drill profile (YAML or JSON).")
    var profile: String

    @Option(help: "Station: 'sim' (built in) or a station file.")
    var station = "sim"

    @Flag(help: "Let the virtual athlete respond instead of the keyboard (works without a terminal).")
    var virtualAthlete = false

    @OptionGroup var drill: DrillOptions
    @OptionGroup var athlete: VirtualAthleteOptions
    @OptionGroup var realtime: RealtimeOptions

    func validate() throws {
        if athlete.fast && !virtualAthlete {
            throw ValidationError("--fast needs --virtual-athlete (a person cannot respond on a simulated clock)")
        }
    }

    func run() throws {
        let setup = try reportingErrors {
            var setup = try DrillSetup.load(
                profilePath: profile, station: station, seed: drill.resolvedSeed, athleteNames: drill.athletes, partnerName: drill.partner)
            if !setup.station.isSimulated && virtualAthlete {
                throw CLIError(
                    "--virtual-athlete runs on a simulated station, but '\(setup.station.name)' is wired to GPIO",
                    fix: "use '--station sim' to watch the virtual athlete, or drop --virtual-athlete to run the drill on the real station")
            }
            if setup.station.isSimulated && !virtualAthlete && !(Terminal.inputIsTerminal && Terminal.outputIsTerminal) {
                throw CLIError("no terminal to read the athlete's keys from", fix: "run it in a terminal, or add --virtual-athlete")
            }
            try drill.keep(&setup)
            return setup
        }
        installStopHandlers()
        let session: SessionResult
        if !setup.station.isSimulated {
            session = try reportingErrors { try GPIODrill(setup: setup, options: realtime, json: drill.json).run() }
        } else if virtualAthlete {
            session = runWithVirtualAthletes(setup, options: athlete, json: drill.json)
        } else {
            session = runAtKeyboard(setup)
        }
        try finish(session, json: drill.json, keeper: setup.keeper)
    }

    private func runAtKeyboard(_ setup: DrillSetup) -> SessionResult {
        let clock = SystemMonotonicClockAdapter.clock
        var soundNote = ""
        var sound: ALSASoundOutput?
        if !setup.profile.requiredSounds.isEmpty {
            do {
                sound = try ALSASoundOutput(station: setup.station, directory: setup.stationDirectory)
            } catch let error as ALSAError {
                soundNote = "sound: skipped, cannot open '\(error.device)' (\(error.message)); cues shown as ♪"
            } catch {
                let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
                soundNote = "sound: skipped (\(firstLine)); cues shown as ♪"
            }
        }
        defer { sound?.stop() }
        let screen = StationScreen(title: setup.headline, profile: setup.profile, station: setup.station)
        var toggles: Set<String> = []
        if case .homeRelease(let home, _) = setup.profile.mode { toggles.insert(home) }
        let keyboard = KeyboardSwitches(
            station: setup.station, toggleSwitches: toggles, clock: clock,
            stopRequested: { processStopSignal.isRequested })
        let rawMode = RawMode()
        defer { rawMode.restore() }
        screen.drawAll()
        if !soundNote.isEmpty { screen.setResult(soundNote) }
        let presenter = ScreenPresenter(setup: setup, screen: screen, soundAudible: sound != nil, clock: clock)
        let ports = DrillPorts(clock: clock, lights: TerminalLights(screen: screen), sound: sound, switches: keyboard)
        let session = DrillSession.run(setup, ports: ports, stop: processStopSignal, display: presenter.show)
        screen.finish()
        rawMode.restore()
        if !soundNote.isEmpty { print(soundNote) }
        return session
    }
}

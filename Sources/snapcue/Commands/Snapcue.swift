import ArgumentParser

@main
struct Snapcue: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapcue",
        abstract: "Reactive-drill cue and timing engine: light and sound cues, switch responses, reaction times.",
        discussion: """
            Start with 'snapcue demo' (a drill on the simulated station with a virtual athlete).
            Profiles (drills) are YAML files: see Profiles/. Stations (pin maps) are in Hardware/stations/;
            'sim' is the built-in simulated station (terminal lights, keyboard switches).
            Every drill is stored as it runs (one commit per trial) in the results database: see 'snapcue sessions',
            'stats', 'trend', 'leaderboard' and 'export'.
            """,
        version: "0.1.0",
        subcommands: [
            DemoCommand.self, RunCommand.self, ProfileCommand.self, StationCommand.self, HardwareCommand.self, CalibrateCommand.self,
            AthletesCommand.self, SessionsCommand.self, StatsCommand.self, TrendCommand.self, LeaderboardCommand.self,
            ExportCommand.self, ImportCommand.self, ServeCommand.self, SyncCommand.self,
        ])
}

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
        subcommands: commands)

    /// Every subcommand this build has (serve and sync come with their traits).
    static var commands: [any ParsableCommand.Type] {
        var commands: [any ParsableCommand.Type] = [
            DemoCommand.self, RunCommand.self, ProfileCommand.self, StationCommand.self, HardwareCommand.self, CalibrateCommand.self,
            AthletesCommand.self, SessionsCommand.self, StatsCommand.self, TrendCommand.self, LeaderboardCommand.self,
            ExportCommand.self, ImportCommand.self,
        ]
        #if StationWeb
        commands.append(ServeCommand.self)
        #endif
        #if GymSync
        commands.append(SyncCommand.self)
        #endif
        return commands
    }
}

import ArgumentParser
import DrillCore
import Foundation

/// `snapcue demo`: the quick-start drill on the simulated station with a virtual athlete.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a drill on the simulated station with a virtual athlete, live, then print the summary.")

    @Option(help: "Profile to run.")
    var profile = "Profiles/quick-start.yaml"

    @OptionGroup var drill: DrillOptions
    @OptionGroup var athlete: VirtualAthleteOptions

    func run() throws {
        let setup = try reportingErrors {
            guard FileManager.default.fileExists(atPath: profile) else {
                throw CLIError("profile \(profile) not found", fix: "run 'snapcue demo' from the Snapcue folder, or pass --profile PATH")
            }
            return try DrillSetup.load(
                profilePath: profile, station: "sim", seed: drill.resolvedSeed,
                athleteNames: drill.athletes, soloDefault: "Demo Athlete")
        }
        installStopHandlers()
        let session = runWithVirtualAthletes(setup, options: athlete, json: drill.json)
        try finish(session, json: drill.json)
    }
}

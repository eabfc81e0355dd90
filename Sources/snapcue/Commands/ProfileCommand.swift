import ArgumentParser
import DrillCore
import Foundation

/// `snapcue profile …`: check drill profiles and show the plan a seed gives.
struct ProfileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "profile", abstract: "Check drill profiles and show their plans.",
        subcommands: [Validate.self, Plan.self])

    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check profiles: every field, every reference, and (with --station) that the station has what they need.")

        @Argument(help: "Profile files.")
        var files: [String]

        @Option(help: "Also check against this station ('sim' or a station file).")
        var station: String?

        func validate() throws {
            if files.isEmpty { throw ValidationError("name at least one profile file") }
        }

        func run() throws {
            let stationValue = try station.map { name in try reportingErrors { try Station.load(name) } }
            var failures = 0
            for file in files {
                do {
                    let profile = try Profile.load(path: file)
                    if let stationValue { try profile.checkRunnable(on: stationValue, file: file) }
                    print("ok  \(file): \(describe(profile))" + (stationValue.map { ", runs on '\($0.name)'" } ?? ""))
                } catch let error as ConfigError {
                    failures += 1
                    Terminal.writeError(error.description)
                }
            }
            if failures > 0 {
                Terminal.writeError("\(failures) of \(files.count) profile(s) have errors")
                throw ExitCode(ExitStatus.badInput)
            }
        }

        private func describe(_ profile: Profile) -> String {
            let bound = profile.blocks.reduce(0) { $0 + $1.plannedTrialBound * $1.sets }
            let timed = profile.blocks.contains { if case .duration = $0.length { true } else { false } }
            var parts = ["\(profile.name) v\(profile.version)", "\(profile.blocks.count) block(s)", (timed ? "up to " : "") + "\(bound) trials"]
            if !profile.requiredLights.isEmpty { parts.append("lights " + profile.requiredLights.joined(separator: ",")) }
            if !profile.requiredSounds.isEmpty { parts.append("sounds " + profile.requiredSounds.joined(separator: ",")) }
            parts.append("switches " + profile.requiredSwitches.joined(separator: ","))
            return parts.joined(separator: ", ")
        }
    }

    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the exact cue sequence, foreperiods and expected responses a seed gives.")

        @Argument(help: "Profile file.")
        var file: String

        @Option(help: "The seed.")
        var seed: UInt64

        @Flag(help: "Print the plan as JSON.")
        var json = false

        func run() throws {
            let (profile, plan) = try reportingErrors {
                let profile = try Profile.load(path: file)
                return (profile, try PlanGenerator(profile: profile).plan(seed: seed))
            }
            if json {
                struct Output: Encodable {
                    let profile: String
                    let version: Int
                    let seed: UInt64
                    let trials: [PlannedTrial]
                }
                print(try SnapcueJSON.prettyText(Output(profile: profile.name, version: profile.version, seed: seed, trials: plan.trials)))
            } else {
                print(PlanReport.render(plan, profile: profile))
            }
        }
    }
}

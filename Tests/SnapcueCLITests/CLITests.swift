import Foundation
import Testing

/// The repository root, from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

struct CommandResult {
    let status: Int32
    let output: String
    let errorOutput: String
}

/// Runs the built `snapcue` binary (beside the test bundle, or in .build/debug) from the repository root.
func snapcue(_ arguments: String...) throws -> CommandResult {
    try snapcue(arguments)
}

/// The results database CLI tests use unless they pass --db (never the user's own).
let testDatabase = NSTemporaryDirectory() + "snapcue-cli-tests-\(getpid())/results.db"

/// The built `snapcue` binary: beside the test bundle, or in .build/debug.
func snapcueBinary() -> String {
    let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("snapcue").path
    return FileManager.default.isExecutableFile(atPath: besideTests) ? besideTests : packageRoot + "/.build/debug/snapcue"
}

/// Starts the built `snapcue` binary with `arguments` (SNAPCUE_DB set to the tests' database).
func snapcueProcess(_ arguments: [String], output: Pipe = Pipe(), errors: Pipe = Pipe()) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: snapcueBinary())
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
    process.environment = ProcessInfo.processInfo.environment.merging(["SNAPCUE_DB": testDatabase]) { _, new in new }
    process.standardOutput = output
    process.standardError = errors
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return process
}

func snapcue(_ arguments: [String]) throws -> CommandResult {
    let output = Pipe(), errors = Pipe()
    let process = try snapcueProcess(arguments, output: output, errors: errors)
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(
        status: process.terminationStatus, output: String(decoding: outData, as: UTF8.self),
        errorOutput: String(decoding: errData, as: UTF8.self))
}

@Suite("The snapcue command line", .serialized)
struct CLITests {
    @Test("profile validate accepts every shipped profile")
    func validateShipped() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Profiles").filter { $0.hasSuffix(".yaml") }.map { "Profiles/" + $0 }
        let result = try snapcue(["profile", "validate", "--station", "sim"] + files)
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.split(separator: "\n").count == files.count)
    }

    @Test("profile validate reports a bad profile with file:line:column and exits 2")
    func validateBad() throws {
        let path = NSTemporaryDirectory() + "snapcue-bad-\(getpid()).yaml"
        try "name: bad\nversion: 1\ncues:\n  go: {light: pad, expect: pad}\nblocks:\n  - trials: 5\n    timeout: -1s\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try snapcue("profile", "validate", path)
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("\(path):7:14: error: blocks[1].timeout"))
        #expect(result.errorOutput.contains("fix:"))
    }

    @Test("a missing profile file is a clear error, not a crash")
    func missingFile() throws {
        let result = try snapcue("profile", "plan", "Profiles/nope.yaml", "--seed", "1")
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("Profiles/nope.yaml: error: no such file"))
    }

    @Test("profile plan --json prints the exact plan of a seed, the same every time")
    func planJSON() throws {
        let first = try snapcue("profile", "plan", "Profiles/go-nogo.yaml", "--seed", "7", "--json")
        let second = try snapcue("profile", "plan", "Profiles/go-nogo.yaml", "--seed", "7", "--json")
        #expect(first.status == 0)
        #expect(first.output == second.output)
        let plan = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let trials = try #require(plan["trials"] as? [[String: Any]])
        #expect(trials.count == 53)
        #expect(trials.first?["foreperiod_milliseconds"] as? Int == 2309)
    }

    @Test("demo --fast --json stores the seed and every trial with integer-ns timestamps")
    func demoJSON() throws {
        let result = try snapcue("demo", "--fast", "--seed", "42", "--json")
        #expect(result.status == 0, "\(result.errorOutput)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let session = try #require(root["session"] as? [String: Any])
        #expect(session["seed"] as? Int == 42)
        let trials = try #require(session["trials"] as? [[String: Any]])
        #expect(trials.count == 15)
        #expect(trials.allSatisfy { $0["foreperiod_start"] is Int && $0["scheduled_onset"] is Int })
        #expect(result.errorOutput.contains("Summary: Quick start"))
    }

    @Test("a partner drill's demo: every hit trial's onset in the session JSON is the partner's own edge timestamp, and the partner is named")
    func partnerDemoOnsetIsThePartnersEdge() throws {
        let result = try snapcue("demo", "--profile", "Profiles/partner-mirror.yaml", "--fast", "--seed", "11", "--partner", "Sam", "--json", "--no-store")
        #expect(result.status == 0, "\(result.errorOutput)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        let session = try #require(root["session"] as? [String: Any])
        #expect(session["partner"] as? String == "Sam")
        let trials = try #require(session["trials"] as? [[String: Any]])
        let hits = trials.filter { (($0["sides"] as? [[String: Any]])?.first?["outcome"] as? String) == "hit" }
        #expect(hits.count > trials.count / 2)
        for trial in hits {
            let partnerSwitch = try #require(trial["partner_switch"] as? String)
            let edges = try #require(trial["edges"] as? [[String: Any]])
            let partnerEdge = try #require(edges.first { $0["switch"] as? String == partnerSwitch && $0["kind"] as? String == "press" })
            #expect(trial["onset"] as? Int == partnerEdge["t_ns"] as? Int)
            #expect(trial["trigger"] as? Int == partnerEdge["t_ns"] as? Int)
        }
        #expect(result.errorOutput.contains("Partner Sam: "))
    }

    @Test("a gate run's demo prints each run's total time and the drill's score, best each way")
    func gateRunDemo() throws {
        let result = try snapcue("demo", "--profile", "Profiles/reactive-y.yaml", "--fast", "--seed", "4", "--no-store")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains(", total "))
        #expect(result.output.contains("SCORE: best each way"))
        #expect(result.output.contains("median total time"))
    }

    @Test("--partner on a drill without a partner is refused before any cue, with the fix")
    func partnerOnOrdinaryDrill() throws {
        let result = try snapcue("demo", "--fast", "--partner", "Sam", "--no-store")
        #expect(result.status != 0)
        #expect(result.errorOutput.contains("is not a partner drill"))
        #expect(result.errorOutput.contains("leave out --partner"))
    }

    @Test("run without a terminal asks for --virtual-athlete instead of hanging")
    func runWithoutTerminal() throws {
        let result = try snapcue("run", "Profiles/quick-start.yaml", "--station", "sim")
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("no terminal") && result.errorOutput.contains("--virtual-athlete"))
    }

    @Test("run refuses a profile the station cannot serve, before any cue")
    func stationLacksSwitch() throws {
        let path = NSTemporaryDirectory() + "snapcue-pads-\(getpid()).yaml"
        try "name: pads\nversion: 1\ncues:\n  go: {light: pad, expect: pad9}\nblocks: [{trials: 2}]\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try snapcue("run", path, "--station", "sim", "--virtual-athlete", "--fast")
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("needs switch 'pad9', which station 'sim' does not have"))
        #expect(!result.output.contains("trial"))
    }

    @Test("head-to-head with the virtual athletes prints both athletes and the wins")
    func headToHead() throws {
        let result = try snapcue("run", "Profiles/head-to-head.yaml", "--virtual-athlete", "--fast", "--seed", "3", "--athlete", "Ana", "--athlete", "Ben")
        #expect(result.status == 0, "\(result.errorOutput)")
        #expect(result.output.contains("Ana") && result.output.contains("Ben") && result.output.contains("wins"))
    }

    @Test("hardware sound-clock on a plugin that is no card (null) says so at once and exits 2")
    func soundClockOnPlugin() throws {
        let path = NSTemporaryDirectory() + "snapcue-null-sound-\(getpid()).yaml"
        try "name: null-sound\nlights: {pad: {}}\nswitches: {pad: {}}\nsound: {device: null, rate: 48000, period: 240, periods: 4}\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try snapcue("hardware", "sound-clock", "--station", path, "--seconds", "15")
        #expect(result.status == 2)
        #expect(result.errorOutput.contains("'null' takes frames as fast as they come") && result.errorOutput.contains("fix:"))
    }

    @Test("hardware sound-clock refuses a run too short to measure the rate")
    func soundClockTooShort() throws {
        let result = try snapcue("hardware", "sound-clock", "--station", "Hardware/stations/pi4-four-pads.yaml", "--seconds", "5")
        #expect(result.status != 0)
        #expect(result.errorOutput.contains("--seconds 5 is out of range: give 15 to 3600"))
    }
}

import DrillCore
import DrillStation
import DrillStore
import Foundation

/// A whole drill in-process, as `snapcue run --virtual-athlete --fast` runs it:
/// `DrillSetup`, the simulated station on a manual clock, the cue thread, and
/// (given a store) each trial kept by a `SessionKeeper` the moment it is decided.
public enum WholeDrill {
    /// The outcome: the session as the display side saw it, and what the keeper said.
    public struct Run {
        public let session: SessionResult
        public let sessionID: Int64?
        public let notes: [String]
        public let warnings: [String]
    }

    /// A profile written to a temporary file (DrillSetup reads profiles from files).
    public static func profileFile(_ yaml: String) throws -> String {
        let path = NSTemporaryDirectory() + "snapcue-drill-\(UUID().uuidString).yaml"
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Runs the profile at `profilePath` on the simulated station.
    /// - Parameters:
    ///   - store: keeps the session when given.
    ///   - stop: a stop signal the caller (or `display`) may raise.
    ///   - display: sees each action after the keeper, on the calling thread.
    public static func run(
        profilePath: String, seed: UInt64 = 1, athletes: [String] = [], partner: String? = nil, store: Store? = nil,
        rescueFolder: String? = nil, stop: StopSignal = StopSignal(), display: (EngineAction) -> Void = { _ in }
    ) throws -> Run {
        var setup = try DrillSetup.load(profilePath: profilePath, station: "sim", seed: seed, athleteNames: athletes, partnerName: partner)
        let warnings = WarningLog()
        if let store {
            setup.keeper = try SessionKeeper(
                store: store, setup: setup, seedChosen: true, addNewAthletes: true, rescueFolder: rescueFolder,
                warn: { warnings.add($0) })
        }
        let ports = DrillPorts.simulated(setup, fast: true, stop: stop)
        let session = DrillSession.run(setup, ports: ports, stop: stop, display: display)
        return Run(session: session, sessionID: setup.keeper?.sessionID, notes: setup.keeper?.notes ?? [], warnings: warnings.lines)
    }
}

/// Warnings a keeper printed, collected for a test.
final class WarningLog {
    private(set) var lines: [String] = []
    func add(_ line: String) { lines.append(line) }
}

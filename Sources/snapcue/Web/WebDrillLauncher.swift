#if StationWeb
import DrillCore
import DrillStation
import DrillStore
import DrillWeb

/// The web app's drills, run by `StationDrills` (one at a time, as `snapcue
/// run` runs them), each published to the live board as it goes.
final class WebDrillLauncher: DrillLauncher {
    private let drills: StationDrills

    init(store: Store, stationName: String, realtime: RealtimeRequest) {
        drills = StationDrills(store: store, stationName: stationName, realtime: realtime)
    }

    func start(_ request: DrillRequest, profilePath: String, board: LiveBoard) throws -> LiveState.Drill {
        let started = try drills.start(
            StationDrills.Start(
                profilePath: profilePath, athletes: request.athletes, seed: request.seed, addNewAthletes: request.addAthlete ?? false,
                partner: request.partner),
            willRun: { board.begin(Self.picture(of: $0)) },
            display: { board.apply($0) })
        return Self.picture(of: started)
    }

    func stop() -> Bool { drills.stop() }

    /// Waits until no drill runs (the running one finishes or is stopped).
    func waitUntilIdle() async { await drills.waitUntilIdle() }

    private static func picture(of started: StationDrills.Started) -> LiveState.Drill {
        LiveState.Drill(
            profile: started.profile, station: started.station, seed: started.seed, athletes: started.athletes,
            plannedTrials: started.plannedTrials, sessionID: started.sessionID)
    }
}
#endif

import DrillCore
import DrillStore
import Hummingbird

/// The station's web app: leaderboards, athlete trends, sessions, the live
/// drill view, trainer actions, and a JSON API for the same data.
///
/// Read-only pages and API routes are public; every write needs the trainer
/// token. Every asset is served from here (a gym has no internet).
public struct StationWebApp: Sendable {
    let store: Store
    let profiles: ProfileLibrary
    let board: LiveBoard
    let launcher: (any DrillLauncher)?
    let token: TrainerToken

    /// - Parameters:
    ///   - store: the station's results database.
    ///   - profiles: the drills this station offers (and where uploads go).
    ///   - board: the live picture drills publish to.
    ///   - launcher: runs drills started from the web; nil when this server cannot run drills.
    ///   - trainerToken: the secret every write must carry.
    public init(store: Store, profiles: ProfileLibrary, board: LiveBoard, launcher: (any DrillLauncher)?, trainerToken: String) {
        self.store = store
        self.profiles = profiles
        self.board = board
        self.launcher = launcher
        self.token = TrainerToken(trainerToken)
    }

    /// The station's name, shown on every page.
    var stationName: String { profiles.station.name }

    /// Every route.
    public func router() -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: WebErrorMiddleware())
        router.add(middleware: MethodNotAllowedMiddleware())
        addAssetRoutes(to: router)
        addPageRoutes(to: router)
        addReadAPIRoutes(to: router)
        addLiveRoutes(to: router)
        addTrainerRoutes(to: router)
        addBuilderRoutes(to: router)
        return router
    }
}

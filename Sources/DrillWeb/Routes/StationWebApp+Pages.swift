import DrillStore
import Hummingbird

extension StationWebApp {
    /// The HTML pages. Errors show as an HTML page with the same message the API gives.
    func addPageRoutes(to router: Router<BasicRequestContext>) {
        let pages = router.group().add(middleware: HTMLErrorsMiddleware())
        pages.get("/") { _, _ in
            HTMLPage.response(LeaderboardPages.index(try store.drillOverviews(), station: stationName))
        }
        pages.get("leaderboard/{profile}") { request, context in
            let view = try leaderboardView(profile: try context.pathParameter("profile"), query: QueryReader(request))
            return HTMLPage.response(LeaderboardPages.board(view, station: stationName))
        }
        pages.get("athletes") { request, _ in
            let team = QueryReader(request).text("team")
            return HTMLPage.response(AthletePages.index(try store.athleteOverviews(team: team), team: team, station: stationName))
        }
        pages.get("athletes/{name}") { request, context in
            let view = try athleteView(name: try context.pathParameter("name"), query: QueryReader(request))
            var distributions: [String: [DistributionChartSVG.Column]] = [:]
            for drill in view.drills {
                distributions["\(drill.profile) v\(drill.profileVersion)"] = try distributionColumns(
                    athlete: view.athlete.name, points: drill.progress.entries.map(\.point))
            }
            return HTMLPage.response(AthletePages.athlete(view, distributions: distributions, station: stationName))
        }
        pages.get("sessions") { request, _ in
            let query = QueryReader(request)
            let filter = SessionFilter(athlete: query.text("athlete"), profile: query.text("profile"), limit: try query.integer("limit", in: 1...10_000) ?? 100)
            return HTMLPage.response(SessionPages.index(try store.sessions(filter), station: stationName))
        }
        pages.get("sessions/{id}") { _, context in
            HTMLPage.response(SessionPages.session(try sessionView(id: try context.pathParameter("id")), station: stationName))
        }
        pages.get("live") { _, _ in
            HTMLPage.response(LivePage.render(board.current, station: stationName))
        }
        pages.get("tv") { _, _ in
            HTMLPage.response(TVPage.render(board.current, boards: try recentBoards(), station: stationName))
        }
        pages.get("trainer/builder") { _, _ in
            HTMLPage.response(BuilderPage.render(profiles.entries(), station: profiles.station))
        }
        pages.get("trainer") { _, _ in
            HTMLPage.response(TrainerPage.render(
                profiles.entries(), athletes: try store.athletes(), canRunDrills: launcher != nil, station: stationName))
        }
    }
}

/// Pages answer errors as HTML whatever the client's Accept header says.
struct HTMLErrorsMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let webError = WebError.from(error)
            return HTMLPage.response(ErrorPage.render(webError), status: webError.status)
        }
    }
}

import DrillCore
import DrillStats
import DrillStore
import Foundation
import Hummingbird

extension StationWebApp {
    /// The public JSON API (documented in docs/web.md, "JSON API") and CSV downloads.
    func addReadAPIRoutes(to router: Router<BasicRequestContext>) {
        let api = router.group("api")
        api.get("station") { _, _ in
            struct Station: Encodable {
                let name: String
                let simulated: Bool
                let lights: [String]
                let switches: [String]
                let canRunDrills: Bool
            }
            let station = profiles.station
            return try JSONResponse.make(Station(
                name: station.name, simulated: station.isSimulated, lights: station.lights.map(\.name),
                switches: station.switches.map(\.name), canRunDrills: launcher != nil))
        }
        api.get("profiles") { _, _ in
            struct Output: Encodable {
                let station: [ProfileLibrary.Entry]
                let withSessions: [DrillOverview]
            }
            return try JSONResponse.make(Output(station: profiles.entries(), withSessions: try store.drillOverviews()))
        }
        api.get("leaderboard/{profile}") { request, context in
            try JSONResponse.make(try leaderboardView(profile: try context.pathParameter("profile"), query: QueryReader(request)))
        }
        api.get("athletes") { request, _ in
            try JSONResponse.make(try store.athleteOverviews(team: QueryReader(request).text("team")))
        }
        api.get("athletes/{name}") { request, context in
            try JSONResponse.make(try athleteView(name: try context.pathParameter("name"), query: QueryReader(request)))
        }
        api.get("sessions") { request, _ in
            let query = QueryReader(request)
            let filter = SessionFilter(
                athlete: query.text("athlete"), profile: query.text("profile"), since: try query.date("since"),
                until: try query.date("until"), limit: try query.integer("limit", in: 1...10_000) ?? 100)
            return try JSONResponse.make(try store.sessions(filter))
        }
        api.get("sessions/{id}") { _, context in
            try JSONResponse.make(try sessionView(id: try context.pathParameter("id")))
        }
        api.get("sessions/{id}/trials.csv") { _, context in
            let view = try sessionView(id: try context.pathParameter("id"))
            return try exportResponse(SessionFilter(session: view.session.id), format: .csv, fileName: "snapcue-session-\(view.session.id).csv")
        }
        api.get("export") { request, _ in
            let query = QueryReader(request)
            let formatName = query.text("format") ?? "csv"
            guard let format = ExportFormat(rawValue: formatName) else {
                throw WebError(.badRequest, "format=\(formatName) is not an export format", fix: "use format=csv or format=json")
            }
            let filter = SessionFilter(
                athlete: query.text("athlete"), profile: query.text("profile"), since: try query.date("since"), until: try query.date("until"))
            if query.text("summary") == "1" || query.text("summary") == "true" {
                return download(try store.exportSummary(filter, format: format).bytes, format: format, fileName: "snapcue-sessions.\(format.rawValue)")
            }
            return try exportResponse(filter, format: format, fileName: "snapcue-trials.\(format.rawValue)")
        }
    }

    /// The `snapcue export` file for `filter`, as a download.
    private func exportResponse(_ filter: SessionFilter, format: ExportFormat, fileName: String) throws -> Response {
        var bytes: [UInt8] = []
        try store.export(filter, format: format) { bytes += $0 }
        return download(bytes, format: format, fileName: fileName)
    }

    /// `bytes` as a file to download.
    private func download(_ bytes: [UInt8], format: ExportFormat, fileName: String) -> Response {
        let type = format == .csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8"
        return Response(
            status: .ok,
            headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(fileName)\"", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

import DrillCore
import DrillStore
import Hummingbird

extension StationWebApp {
    /// The largest JSON body a trainer action accepts.
    static let maximumJSONBytes = 16 * 1024

    /// Trainer actions: each needs the token, checked before the body is read.
    func addTrainerRoutes(to router: Router<BasicRequestContext>) {
        let trainer = router.group("api").add(middleware: TrainerOnlyMiddleware(token: token))
        trainer.post("athletes") { request, _ in
            struct NewAthlete: Decodable {
                let name: String
                let team: String?
                let birthYear: Int?
                let handedness: String?
            }
            let body = try await Self.body(of: request, limit: Self.maximumJSONBytes, what: "athlete")
            let new = try JSONRequest.decode(NewAthlete.self, from: body, what: "athlete")
            var handedness: Handedness?
            if let text = new.handedness, !text.isEmpty {
                guard let value = Handedness(rawValue: text) else {
                    throw WebError(.badRequest, "handedness '\(text)' is not one of: \(Handedness.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                handedness = value
            }
            let team = new.team?.trimmingCharacters(in: .whitespaces)
            let athlete = try store.addAthlete(Athlete(name: new.name, team: team?.isEmpty == true ? nil : team, birthYear: new.birthYear, handedness: handedness))
            return try JSONResponse.make(athlete, status: .created)
        }
        // The body is the profile's YAML (or JSON). `?validate_only=true` checks without saving;
        // `?replace=true` allows replacing a file of the same name with other content.
        trainer.post("profiles") { request, _ in
            let body = try await Self.body(of: request, limit: ProfileLibrary.maximumUploadBytes, what: "profile")
            guard let text = body.getString(at: body.readerIndex, length: body.readableBytes, encoding: .utf8)
                ?? String(validating: body.readableBytesView, as: UTF8.self)
            else {
                throw WebError(.badRequest, "the profile is not UTF-8 text", fix: "save the file as UTF-8 and upload it again")
            }
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
                throw WebError(.badRequest, "the profile is empty", fix: "send the profile's YAML as the request body")
            }
            let query = QueryReader(request)
            struct Output: Encodable {
                let profile: ProfileLibrary.Entry
                let saved: Bool
                let created: Bool
            }
            let profiles = self.profiles
            if query.flag("validate_only") {
                let entry = try await Blocking.run { try profiles.validate(text, fileName: "upload") }
                return try JSONResponse.make(Output(profile: entry, saved: false, created: false))
            }
            let replace = query.flag("replace")
            let (entry, created) = try await Blocking.run { try profiles.save(text, replace: replace) }
            return try JSONResponse.make(Output(profile: entry, saved: true, created: created), status: created ? .created : .ok)
        }
        trainer.post("drills") { request, _ in
            guard let launcher else {
                throw WebError(.conflict, "this server cannot run drills", fix: "start it with 'snapcue serve --station sim|FILE'")
            }
            let body = try await Self.body(of: request, limit: Self.maximumJSONBytes, what: "drill")
            let drill = try JSONRequest.decode(DrillRequest.self, from: body, what: "drill")
            let profiles = self.profiles, board = self.board
            let started = try await Blocking.run {
                try launcher.start(drill, profilePath: try profiles.path(forProfileNamed: drill.profile), board: board)
            }
            return try JSONResponse.make(started, status: .accepted)
        }
        trainer.post("drills/stop") { _, _ in
            guard let launcher, launcher.stop() else {
                throw WebError(.conflict, "no drill is running on this station")
            }
            struct Output: Encodable { let stopping: Bool }
            return try JSONResponse.make(Output(stopping: true), status: .accepted)
        }
    }

    /// The request body, refused with 413 beyond `limit` bytes.
    static func body(of request: Request, limit: Int, what: String) async throws -> ByteBuffer {
        var request = request
        do {
            return try await request.collectBody(upTo: limit)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            throw WebError(.contentTooLarge, "the \(what) is larger than \(limit / 1024) KiB", fix: "send a smaller \(what)")
        }
    }
}

/// Refuses a request without the right trainer token before its route runs.
struct TrainerOnlyMiddleware<Context: RequestContext>: RouterMiddleware {
    let token: TrainerToken

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        try token.verify(request)
        return try await next(request, context)
    }
}

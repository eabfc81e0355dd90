import DrillCore
import Hummingbird

extension StationWebApp {
    /// The drill builder's API: a drill as a form, its preview (YAML, check, plan) and saving it.
    /// Each needs the trainer token.
    func addBuilderRoutes(to router: Router<BasicRequestContext>) {
        let builder = router.group("api/builder").add(middleware: TrainerOnlyMiddleware(token: token))
        builder.get("{profile}") { _, context in
            let name = try context.pathParameter("profile")
            let profiles = self.profiles
            return try JSONResponse.make(try await Blocking.run { try profiles.form(ofProfileNamed: name) })
        }
        builder.post("preview") { request, _ in
            let form = try await Self.form(from: request)
            let seed = try QueryReader(request).seed("seed") ?? 1
            let profiles = self.profiles
            return try JSONResponse.make(await Blocking.run { try profiles.preview(form, seed: seed) })
        }
        builder.post("save") { request, _ in
            let form = try await Self.form(from: request)
            let profiles = self.profiles
            let saved = try await Blocking.run { try profiles.save(form) }
            return try JSONResponse.make(saved, status: saved.changed ? .created : .ok)
        }
    }

    /// The builder's form from a request body.
    private static func form(from request: Request) async throws -> DrillForm {
        let body = try await Self.body(of: request, limit: 64 * 1024, what: "drill")
        return try JSONRequest.decode(DrillForm.self, from: body, what: "drill")
    }
}

import Hummingbird

/// Every path the station serves and the methods it takes there: a request with
/// another method on one of these paths is 405 with `Allow`, not 404.
enum RouteMethods {
    /// Path patterns (`{}` is one segment of any value) and their methods.
    static let table: [(pattern: [String], methods: [HTTPRequest.Method])] = [
        ("/", [.get]), ("/favicon.ico", [.get]), ("/assets/{}", [.get]),
        ("/leaderboard/{}", [.get]), ("/athletes", [.get]), ("/athletes/{}", [.get]), ("/sessions", [.get]),
        ("/sessions/{}", [.get]), ("/live", [.get]), ("/tv", [.get]), ("/trainer", [.get]), ("/trainer/builder", [.get]),
        ("/api/builder/preview", [.post]), ("/api/builder/save", [.post]), ("/api/builder/{}", [.get]),
        ("/api/station", [.get]), ("/api/profiles", [.get, .post]), ("/api/leaderboard/{}", [.get]),
        ("/api/athletes", [.get, .post]), ("/api/athletes/{}", [.get]), ("/api/sessions", [.get]), ("/api/sessions/{}", [.get]),
        ("/api/sessions/{}/trials.csv", [.get]), ("/api/export", [.get]), ("/api/live", [.get]), ("/api/live/events", [.get]),
        ("/api/drills", [.post]), ("/api/drills/stop", [.post]),
    ].map { path, methods in (path.split(separator: "/").map(String.init), methods) }

    /// The methods `path` takes, or nil when the station serves no such path.
    static func methods(for path: String) -> [HTTPRequest.Method]? {
        let segments = path.split(separator: "/").map(String.init)
        return table.first { entry in
            entry.pattern.count == segments.count && zip(entry.pattern, segments).allSatisfy { $0 == "{}" || $0 == $1 }
        }?.methods
    }
}

/// Answers 405 with `Allow` for a known path asked with a method it does not take.
struct MethodNotAllowedMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let methods = RouteMethods.methods(for: request.uri.path),
              !methods.contains(request.method), !(request.method == .head && methods.contains(.get))
        else { return try await next(request, context) }
        let allow = (methods.contains(.get) ? methods + [.head] : methods).map(\.rawValue).joined(separator: ", ")
        var response = try JSONResponse.make(
            WebErrorBody(error: "\(request.method.rawValue) is not allowed on \(request.uri.path)", fix: "use \(allow)", status: 405),
            status: .methodNotAllowed)
        response.headers[.allow] = allow
        return response
    }
}

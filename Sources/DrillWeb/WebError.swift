import DrillCore
import DrillStore
import Foundation
import Hummingbird

/// A request the station cannot serve, said the way the CLI says it: what was
/// wrong and what to do. API routes answer it as JSON, pages as HTML.
public struct WebError: HTTPResponseError, CustomStringConvertible {
    public var status: HTTPResponse.Status
    /// What was wrong.
    public var message: String
    /// What to do about it.
    public var fix: String?

    public init(_ status: HTTPResponse.Status, _ message: String, fix: String? = nil) {
        self.status = status
        self.message = message
        self.fix = fix
    }

    public var description: String { "\(status.code) \(message)" + (fix.map { " (fix: \($0))" } ?? "") }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let wantsHTML = !request.uri.path.hasPrefix("/api/")
            && (request.headers[.accept] ?? "").contains("text/html")
        if wantsHTML {
            var response = HTMLPage.response(ErrorPage.render(self), status: status)
            response.headers[.cacheControl] = "no-store"
            return response
        }
        return try JSONResponse.make(WebErrorBody(error: message, fix: fix, status: status.code), status: status)
    }
}

/// How an API error reads as JSON: `{"error": …, "fix": …, "status": 404}`.
struct WebErrorBody: Encodable {
    let error: String
    let fix: String?
    let status: Int
}

extension WebError {
    /// The web answer for an error thrown by the store, a profile parser or a launcher.
    ///
    /// Unknown errors become a 500 naming the error; the routes only throw
    /// these for faults of the station itself, never for a bad request.
    public static func from(_ error: any Error) -> WebError {
        switch error {
        case let error as WebError:
            return error
        case let error as HTTPError:
            return WebError(error.status, error.body ?? error.status.reasonPhrase)
        case let error as any HTTPResponseError where error.status == .contentTooLarge:
            return WebError(.contentTooLarge, "the request body is too large", fix: "send a smaller body")
        case let error as any UserError:
            return WebError(HTTPResponse.Status(code: error.kind.httpStatus), error.headline, fix: error.webFix)
        default:
            let text = String(describing: error)
            return WebError(.internalServerError, text.split(separator: "\n").first.map(String.init) ?? text)
        }
    }
}

/// Turns every error a route throws into a `WebError`, so a client always
/// gets a message (and a 4xx for its own mistakes), never a bare 500.
struct WebErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let webError = WebError.from(error)
            if webError.status.code >= 500 {
                context.logger.error("\(request.method) \(request.uri.path): \(webError.message)")
            }
            return try webError.response(from: request, context: context)
        }
    }
}

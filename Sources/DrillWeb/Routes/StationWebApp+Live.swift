import Foundation
import Hummingbird

extension StationWebApp {
    /// The live picture: as JSON, and as a stream of server-sent events.
    func addLiveRoutes(to router: Router<BasicRequestContext>) {
        router.get("api/live") { _, _ in try JSONResponse.make(board.current) }
        // `event: state` with the picture as JSON, on connect and at each change.
        // `?until=finished` ends the stream once a drill has finished (for scripts and tests).
        router.get("api/live/events") { request, _ in
            let untilFinished = QueryReader(request).text("until") == "finished"
            let pictures = board.pictures()
            return Response(
                status: .ok,
                headers: [.contentType: "text/event-stream", .cacheControl: "no-store", .init("X-Accel-Buffering")!: "no"],
                body: ResponseBody { writer in
                    for await picture in pictures {
                        let json = String(decoding: try JSONResponse.data(picture), as: UTF8.self)
                        try await writer.write(ByteBuffer(string: "id: \(picture.sequence)\nevent: state\ndata: \(json)\n\n"))
                        if untilFinished && picture.status != .running { break }
                    }
                    try await writer.finish(nil)
                })
        }
    }
}

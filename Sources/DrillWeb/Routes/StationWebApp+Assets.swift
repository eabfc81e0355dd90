import Hummingbird

extension StationWebApp {
    /// Stylesheet, scripts and icon, all from this binary (no CDN: a gym has no internet).
    func addAssetRoutes(to router: Router<BasicRequestContext>) {
        let assets: [(String, String, String)] = [
            ("snapcue.css", "text/css; charset=utf-8", Stylesheet.css),
            ("live.js", "text/javascript; charset=utf-8", LiveScript.javascript),
            ("trainer.js", "text/javascript; charset=utf-8", TrainerScript.javascript),
            ("tv.js", "text/javascript; charset=utf-8", TVScript.javascript),
            ("builder.js", "text/javascript; charset=utf-8", BuilderScript.javascript),
            ("icon.svg", "image/svg+xml", Icon.svg),
        ]
        for (name, type, text) in assets {
            let buffer = ByteBuffer(string: text)
            router.get("assets/\(name)") { _, _ in
                Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=3600"], body: ResponseBody(byteBuffer: buffer))
            }
        }
        router.get("favicon.ico") { _, _ in
            Response(status: .ok, headers: [.contentType: "image/svg+xml"], body: ResponseBody(byteBuffer: ByteBuffer(string: Icon.svg)))
        }
    }
}

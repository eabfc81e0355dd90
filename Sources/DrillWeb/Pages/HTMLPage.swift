import Foundation
import Hummingbird

/// Text made safe for HTML element content and attribute values.
func escapeHTML(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for character in text {
        switch character {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&#39;"
        default: out.append(character)
        }
    }
    return out
}

/// A path segment or query value, percent-encoded.
func escapeURLComponent(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
}

/// The frame every page shares: title, navigation, the station's name.
enum HTMLPage {
    /// Which navigation entry a page belongs to.
    enum Section: String, CaseIterable {
        case leaderboards = "Leaderboards"
        case athletes = "Athletes"
        case sessions = "Sessions"
        case live = "Live"
        case trainer = "Trainer"

        var path: String {
            switch self {
            case .leaderboards: "/"
            case .athletes: "/athletes"
            case .sessions: "/sessions"
            case .live: "/live"
            case .trainer: "/trainer"
            }
        }
    }

    /// A whole page. `body` is HTML, already escaped.
    /// A whole page. `navigation: false` leaves out the bar (the TV's kiosk page).
    static func render(
        title: String, section: Section?, station: String = "", body: String, scripts: [String] = [], bodyClass: String = "",
        navigation showsNavigation: Bool = true
    ) -> String {
        let navigation = Section.allCases.map { item in
            "<a href=\"\(item.path)\"\(item == section ? " aria-current=\"page\"" : "")>\(item.rawValue)</a>"
        }.joined()
        return """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(title)) · Snapcue</title>
            <link rel="stylesheet" href="/assets/snapcue.css">
            <link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
            </head>
            <body class="\(bodyClass)">
            \(showsNavigation ? "<header class=\"bar\"><a class=\"brand\" href=\"/\">Snapcue</a><nav>\(navigation)</nav><span class=\"station\">\(escapeHTML(station))</span></header>" : "")
            <main>
            \(body)
            </main>
            \(scripts.map { "<script src=\"\($0)\"></script>" }.joined(separator: "\n"))
            </body>
            </html>
            """
    }

    /// An HTML response.
    static func response(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }
}

/// A page for a request that failed: what and what to do.
enum ErrorPage {
    static func render(_ error: WebError) -> String {
        HTMLPage.render(
            title: "\(error.status.code)", section: nil,
            body: """
                <h1>\(error.status.code) · \(escapeHTML(error.status.reasonPhrase))</h1>
                <p class="error" role="alert">\(escapeHTML(error.message))</p>
                \(error.fix.map { "<p class=\"fix\">\(escapeHTML($0))</p>" } ?? "")
                <p><a href="/">Back to the leaderboards</a></p>
                """)
    }
}

/// A table from header cells and rows of HTML cells (already escaped).
func htmlTable(_ headers: [String], _ rows: [[String]], id: String? = nil, numericColumns: Set<Int> = []) -> String {
    let head = headers.enumerated().map { index, text in
        "<th\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(escapeHTML(text))</th>"
    }.joined()
    let body = rows.map { row in
        "<tr>" + row.enumerated().map { index, cell in "<td\(numericColumns.contains(index) ? " class=\"num\"" : "")>\(cell)</td>" }.joined() + "</tr>"
    }.joined(separator: "\n")
    // A table wider than the screen (a phone) scrolls inside its own box; the page never scrolls sideways.
    return "<div class=\"table-scroll\"><table\(id.map { " id=\"\($0)\"" } ?? "")><thead><tr>\(head)</tr></thead><tbody>\n\(body)\n</tbody></table></div>"
}

import DrillCore
import Foundation
import Hummingbird

/// JSON the way every Snapcue report writes it: snake_case keys, sorted, ISO-free
/// (times are Unix ms or monotonic ns), non-finite numbers as strings.
enum JSONResponse {
    /// The bytes of `value` as Snapcue JSON.
    static func data(_ value: some Encodable) throws -> Data { try SnapcueJSON.encoder().encode(value) }

    /// `value` as JSON text to embed in a page's `<script>` element: `<`, `>` and `&` written as
    /// `\u003c`, `\u003e` and `\u0026`, and U+2028/U+2029 escaped, so no text (a name such as
    /// `<!--<script>`) can end the element or change how the browser reads it.
    static func embeddable(_ value: some Encodable) throws -> String {
        var out = ""
        for scalar in String(decoding: try data(value), as: UTF8.self).unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A response carrying `value` as JSON.
    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: try data(value))))
    }
}

/// Decodes request bodies with the same key style, with errors a person can act on.
enum JSONRequest {
    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer, what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw WebError(.badRequest, "\(what): the field '\(key.stringValue.snakeCased)' is missing", fix: "send a JSON object with it")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue.snakeCased).joined(separator: ".")
            throw WebError(.badRequest, "\(what): the field '\(field)' has the wrong type", fix: context.debugDescription)
        } catch {
            throw WebError(.badRequest, "\(what): the body is not valid JSON", fix: "send Content-Type: application/json with a JSON object")
        }
    }
}

extension String {
    /// `birthYear` → `birth_year`, for naming fields as clients send them.
    var snakeCased: String {
        var out = ""
        for character in self {
            if character.isUppercase { out += "_" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}

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
    private static func field(_ context: DecodingError.Context) -> String {
        context.codingPath.map(\.stringValue.snakeCased).joined(separator: ".")
    }

    static func decode<T: Decodable>(_ type: T.Type, from buffer: ByteBuffer, what: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        do {
            return try decoder.decode(type, from: Data(buffer.readableBytesView))
        } catch let DecodingError.keyNotFound(key, _) {
            throw WebError(.badRequest, "\(what): the field '\(key.stringValue.snakeCased)' is missing", fix: "send a JSON object with it")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            guard !context.codingPath.isEmpty else {
                throw WebError(.badRequest, "\(what): the body must be a JSON object", fix: "send {\"field\": value, …}, not a list or a single value")
            }
            throw WebError(.badRequest, "\(what): the field '\(Self.field(context))' has the wrong type", fix: context.debugDescription)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            // Valid JSON whose value does not fit (a negative seed, a number too large).
            throw WebError(
                .unprocessableContent, "\(what): the field '\(Self.field(context))' is out of range",
                fix: "send a whole number the field can hold (a seed is 0 or more)")
        } catch {
            let bytes = Data(buffer.readableBytesView)
            guard let object = try? JSONSerialization.jsonObject(with: bytes) else {
                throw WebError(.badRequest, "\(what): the body is not valid JSON", fix: "send Content-Type: application/json with a JSON object")
            }
            // Valid JSON whose value does not fit its field (a negative seed, a number too large).
            let field = (object as? [String: Any])?.sorted { $0.key < $1.key }.first { _, value in
                guard let number = value as? NSNumber, !(value is Bool) else { return false }
                return number.doubleValue < 0 || number.doubleValue != number.doubleValue.rounded() || number.doubleValue >= 9.2e18
            }?.key
            throw WebError(
                .unprocessableContent, "\(what): " + (field.map { "the field '\($0)' is out of range" } ?? "a value does not fit its field"),
                fix: "send whole numbers the fields can hold (a seed is 0 or more)")
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

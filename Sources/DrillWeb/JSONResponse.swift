import Foundation
import Hummingbird

/// JSON the way every Snapcue report writes it: snake_case keys, sorted, ISO-free
/// (times are Unix ms or monotonic ns), non-finite numbers as strings.
enum JSONResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }()

    /// The bytes of `value` as Snapcue JSON.
    static func data(_ value: some Encodable) throws -> Data { try encoder.encode(value) }

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

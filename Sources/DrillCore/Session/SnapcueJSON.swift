import Foundation

/// The one configuration of JSON that Snapcue writes for people and scripts
/// (`--json` reports, the web API, calibration files): snake_case keys, sorted,
/// slashes unescaped, non-finite numbers as the strings "inf", "-inf" and "nan".
///
/// (The canonical profile JSON behind a profile's content hash is not this:
/// it is frozen, so a profile's hash never changes.)
public enum SnapcueJSON {
    /// An encoder with Snapcue's settings; `pretty` adds indentation for terminals and files.
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// `value` as pretty Snapcue JSON text.
    public static func prettyText(_ value: some Encodable) throws -> String {
        String(decoding: try encoder(pretty: true).encode(value), as: UTF8.self)
    }
}

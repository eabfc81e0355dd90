import DrillCore
import Foundation

/// What the store needs to open a session record.
public struct SessionStart: Sendable {
    /// The new, empty session (profile, seed, station, athletes, start time).
    public var session: SessionResult
    /// The profile as run; stored by content hash and version.
    public var profile: ProfileIdentity
    /// Whether the seed was chosen (a fixed drill) rather than drawn at random.
    public var seedChosen: Bool
    /// `sim` or `gpio`.
    public var stationKind: StationKind
    /// Stable id of the session (for export and sync).
    public var uuid: String

    public init(session: SessionResult, profile: Profile, seedChosen: Bool, stationKind: StationKind, uuid: String = UUID().uuidString.lowercased()) {
        self.init(session: session, profile: ProfileIdentity(profile: profile), seedChosen: seedChosen, stationKind: stationKind, uuid: uuid)
    }

    public init(session: SessionResult, profile: ProfileIdentity, seedChosen: Bool, stationKind: StationKind, uuid: String) {
        self.session = session
        self.profile = profile
        self.seedChosen = seedChosen
        self.stationKind = stationKind
        self.uuid = uuid
    }
}

/// A profile's identity in the store: its canonical JSON and that text's SHA-256.
public struct ProfileIdentity: Equatable, Sendable {
    public var name: String
    public var version: Int
    public var title: String
    /// SHA-256 of `definition`: the same drill has the same hash whatever its
    /// file's comments, key order or layout.
    public var contentHash: String
    /// The parsed profile as canonical JSON (sorted keys); nil for imported sessions whose profile text was not exported.
    public var definition: String?

    public init(profile: Profile) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(profile)) ?? Data(profile.name.utf8)
        name = profile.name
        version = profile.version
        title = profile.title
        contentHash = SHA256.hex(data)
        definition = String(decoding: data, as: UTF8.self)
    }

    public init(name: String, version: Int, title: String, contentHash: String, definition: String? = nil) {
        self.name = name
        self.version = version
        self.title = title
        self.contentHash = contentHash
        self.definition = definition
    }
}

/// Wall-clock times as ISO 8601 text (UTC, milliseconds) and Unix milliseconds.
public enum WallClock {
    /// Now, in Unix milliseconds.
    public static var nowMilliseconds: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded()) }

    /// Now, as ISO 8601 text.
    public static var nowISO: String { iso(milliseconds: nowMilliseconds) }

    /// `2026-11-25T09:41:07.123Z`.
    ///
    /// Formatted by hand from `gmtime_r`: an export calls this twice per row, and
    /// making an `ISO8601DateFormatter` each time dominated the export's time.
    public static func iso(milliseconds: Int64) -> String {
        let wholeSeconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let fraction = Int(milliseconds - wholeSeconds * 1000)
        var seconds = time_t(wholeSeconds)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(fraction), 3))Z"
    }

    /// Unix milliseconds of a date a person typed: `2026-11-01` (local midnight), an ISO 8601
    /// time, or a span back from `now` (`14d`, `6w`); nil if it is none of these.
    public static func milliseconds(userDate text: String, now: Date = Date()) -> Int64? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let unit = text.last, unit == "d" || unit == "w", let count = Int(text.dropLast()), count >= 0 {
            let days = Double(count) * (unit == "w" ? 7 : 1)
            return Int64((now.timeIntervalSince1970 - days * 86_400) * 1000)
        }
        if text.count == 10, let date = dayParser.date(from: text) { return Int64(date.timeIntervalSince1970 * 1000) }
        return milliseconds(iso: text)
    }

    /// Unix milliseconds of ISO 8601 text (with or without fractional seconds); nil if it is not one.
    public static func milliseconds(iso text: String) -> Int64? {
        let date = isoFractional.date(from: text) ?? isoWhole.date(from: text)
        return date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
    }

    /// A Unix-ms time as local `2026-11-25 17:30`, for tables.
    public static func localTime(milliseconds: Int64) -> String {
        localMinute.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// A Unix-ms time as a local date, `2026-11-25`.
    public static func localDate(milliseconds: Int64) -> String {
        dayParser.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    /// A Unix-ms time as a local `11-25`, for chart labels.
    public static func localMonthDay(milliseconds: Int64) -> String {
        monthDay.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
    }

    private static let dayParser = CachedFormatter("yyyy-MM-dd")
    private static let localMinute = CachedFormatter("yyyy-MM-dd HH:mm")
    private static let monthDay = CachedFormatter("MM-dd")
    private static let isoFractional = CachedISOParser(fractional: true)
    private static let isoWhole = CachedISOParser(fractional: false)
}

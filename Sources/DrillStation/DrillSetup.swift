import DrillCore
import DrillStore
import Foundation

/// A drill resolved and checked before any cue: profile, station, plan, athletes.
public struct DrillSetup {
    public let profile: Profile
    public let profilePath: String
    public let station: Station
    /// The folder the station's sound files are read from.
    public let stationDirectory: String
    public let plan: DrillPlan
    /// `side → athlete name`.
    public let athletes: [String: String]
    /// Partner drills: the partner's name, when given.
    public let partner: String?
    /// Stores the session as it runs (nil when not stored).
    public var keeper: SessionKeeper?

    /// Loads and checks everything before any cue is emitted.
    /// With no athlete names, a one-athlete drill uses `soloDefault` and a
    /// head-to-head drill names each athlete after their side.
    public static func load(
        profilePath: String, station stationName: String, seed: UInt64, athleteNames: [String],
        partnerName: String? = nil, soloDefault: String = "Guest"
    ) throws -> DrillSetup {
        let profile = try Profile.load(path: profilePath)
        let station = try Station.load(stationName)
        try profile.checkRunnable(on: station, file: profilePath)
        let plan = try PlanGenerator(profile: profile).plan(seed: seed)
        let names = try athleteNames.map { try AthleteName.validated($0) }
        guard names.count <= profile.sides.count else {
            throw ActionableError(
                "\(names.count) athletes named but '\(profile.name)' has \(profile.sides.count) side(s)",
                fix: "name one athlete per side (\(profile.sides.joined(separator: ", ")))")
        }
        if profile.isHeadToHead && names.count == 1 {
            throw ActionableError(
                "'\(profile.name)' is head-to-head: name both athletes",
                fix: "repeat --athlete, once per side (\(profile.sides.joined(separator: ", ")))",
                webFix: "pick an athlete for each side (\(profile.sides.joined(separator: ", ")))")
        }
        if names.count == 2, names[0].lowercased() == names[1].lowercased() {
            throw ActionableError(
                "'\(names[0])' is named on both sides of a head-to-head drill",
                fix: "name two different athletes, one per side", webFix: "pick two different athletes")
        }
        let partner = try partnerName.map { try AthleteName.validated($0) }
        if partner != nil, profile.partner == nil {
            throw ActionableError(
                "'\(profile.name)' is not a partner drill, so it has no partner to name",
                fix: "leave out --partner, or run a partner drill (e.g. Profiles/partner-mirror.yaml)",
                webFix: "leave the partner empty, or pick a partner drill")
        }
        if let partner, names.contains(where: { $0.lowercased() == partner.lowercased() }) {
            throw ActionableError(
                "'\(partner)' is named as both the athlete and the partner",
                fix: "the partner gives the cues and the athlete responds: name two different people", webFix: "pick a different partner")
        }
        var athletes: [String: String] = [:]
        for (index, side) in profile.sides.enumerated() {
            athletes[side] = index < names.count ? names[index] : (profile.isHeadToHead ? side : soloDefault)
        }
        let directory = stationName == "sim" ? FileManager.default.currentDirectoryPath : (stationName as NSString).deletingLastPathComponent
        return DrillSetup(
            profile: profile, profilePath: profilePath, station: station, stationDirectory: directory, plan: plan,
            athletes: athletes, partner: partner, keeper: nil)
    }

    /// A new, empty session record for this setup.
    public func newSession() -> SessionResult {
        var session = SessionResult(
            profile: profile, seed: plan.seed, station: station.name, athletes: athletes,
            startedAt: WallClock.nowISO, plannedTrials: plan.plannedTotal)
        session.partner = partner
        return session
    }

    /// The line that opens a session: what, who, which seed.
    public var headline: String {
        var who = profile.sides.map { athletes[$0] ?? $0 }.joined(separator: " vs ")
        if let partner { who += " (partner \(partner))" }
        return "\(profile.title) (\(profile.name) v\(profile.version)) · seed \(plan.seed) · station \(station.name) · \(who)"
    }
}

import DrillCore
import DrillStore
import Foundation

/// Keeps a running drill in the results database: each trial is committed the
/// moment it is decided (on the display thread, never the cue thread).
///
/// If the database fails mid-drill (disk full, removed, locked for long),
/// the drill goes on and the session so far, and every later trial, goes to a
/// rescue database instead, which `snapcue import` brings back.
public final class SessionKeeper {
    private let store: Store
    private var recorder: SessionRecorder
    private var session: SessionResult
    private let start: SessionStart
    private var rescue: (path: String, recorder: SessionRecorder)?
    private var finished = false
    /// Lines to print when the drill ends.
    public private(set) var notes: [String] = []
    /// Where warnings go the moment they happen (standard error by default).
    private let warn: (String) -> Void
    /// Where a rescue database is made if the results database fails mid-drill.
    private let rescueFolder: String

    /// Checks the athletes (creating new ones by the rules of `resolveAthletes`) and opens the session record.
    /// - Parameter rescueFolder: where a rescue database goes (default: the home folder, else the temporary one).
    public init(
        store: Store, setup: DrillSetup, seedChosen: Bool, addNewAthletes: Bool, team: String? = nil, rescueFolder: String? = nil,
        warn: @escaping (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) throws {
        self.store = store
        self.warn = warn
        self.rescueFolder = rescueFolder
            ?? ProcessInfo.processInfo.environment["HOME"].flatMap { $0 == "/" ? nil : $0 } ?? NSTemporaryDirectory()
        notes = try Self.resolveAthletes(Array(Set(setup.athletes.values)).sorted(), in: store, addNew: addNewAthletes, team: team)
        session = setup.newSession()
        start = SessionStart(
            session: session, profile: setup.profile, seedChosen: seedChosen, stationKind: StationKind(setup.station))
        recorder = try store.beginSession(start)
    }

    /// Unknown athletes are added, unless one is a typo away from an existing
    /// athlete: then the drill is refused before any cue, unless `addNew`.
    public static func resolveAthletes(_ names: [String], in store: Store, addNew: Bool, team: String?) throws -> [String] {
        var notes: [String] = []
        for name in names {
            if (try? store.athlete(named: name)) != nil { continue }
            let near = try store.similarAthleteNames(to: name)
            if !near.isEmpty && !addNew {
                throw ActionableError(
                    "'\(name)' is not an athlete here; did you mean \(near.map { "'\($0)'" }.joined(separator: " or "))?",
                    fix: "use the right --athlete name, or add --add-athlete to register '\(name)' as a new athlete",
                    webFix: "pick the athlete from the list, or tick 'new athlete' to add '\(name)'", kind: .conflict)
            }
            try store.addAthlete(Athlete(name: name, team: team))
            notes.append("new athlete '\(name)' added (see 'snapcue athletes list')")
        }
        return notes
    }

    /// The session's number in the database.
    public var sessionID: Int64 { recorder.sessionID }

    /// The store that holds the whole session; nil when it went to a rescue database.
    public var keptIn: Store? { rescue == nil ? store : nil }

    /// Stores what `action` settles.
    public func handle(_ action: EngineAction) {
        switch action {
        case .trialDecided(let trial):
            session.trials.append(trial)
            write { try $0.record(trial) }
        case .trialCompleted(let trial):
            if let index = session.trials.lastIndex(where: { $0.planned.index == trial.planned.index }) { session.trials[index] = trial }
            (rescue?.recorder ?? recorder).complete(trial)
        case .finished(let end):
            session.end = end
            finished = true
            write { try $0.finish(end) }
            if let rescue {
                notes.append("this session is kept in \(rescue.path): bring it into the results with 'snapcue import \(rescue.path)'")
            } else {
                notes.append("saved as session \(recorder.sessionID) in \(store.path)")
            }
        default: break
        }
    }

    private func write(_ body: (SessionRecorder) throws -> Void) {
        do {
            try body(rescue?.recorder ?? recorder)
        } catch {
            guard rescue == nil else {
                warn("warning: cannot store this trial anywhere: \(error)")
                return
            }
            warn("warning: the results database failed (\(String(describing: error).split(separator: "\n").first ?? "")); keeping this session in a rescue database")
            openRescue()
        }
    }

    /// A new database holding the whole session so far (the trial or end that failed included).
    private func openRescue() {
        let path = (rescueFolder as NSString).appendingPathComponent("snapcue-rescue-\(start.uuid).db")
        do {
            let rescueStore = try Store(path: path)
            _ = try Self.resolveAthletes(Array(Set(session.athletes.values)).sorted(), in: rescueStore, addNew: true, team: nil)
            let recorder = try rescueStore.beginSession(start)
            for trial in session.trials { try recorder.record(trial) }
            if finished { try recorder.finish(session.end) }
            rescue = (path, recorder)
        } catch {
            warn("warning: no rescue database either (\(error)); the session is printed at the end (use --json to keep it)")
        }
    }
}

import DrillCore
import Foundation

extension ProfileLibrary {
    /// The drill named `name` as the builder's form (a 404 listing the drills here when there is none;
    /// 422 saying what the builder does not edit).
    public func form(ofProfileNamed name: String) throws -> DrillForm {
        guard let entry = entries().first(where: { $0.name == name }) else {
            throw WebError(.notFound, "no profile named '\(name)' on this station", fix: "pick one of the drills offered, or start from a blank drill")
        }
        let profile = try Profile.load(path: (directory as NSString).appendingPathComponent(entry.file))
        do {
            return try DrillForm(profile: profile)
        } catch let error as DrillForm.NotEditable {
            throw WebError(.unprocessableContent, error.reason)
        }
    }

    /// What the builder shows for `form`: its YAML, and (when the station can run it) the plan of `seed`.
    public func preview(_ form: DrillForm, seed: UInt64) throws -> BuilderPreview {
        let yaml = form.yaml
        do {
            let entry = try validate(yaml, fileName: "\(form.name).yaml")
            let profile = try Profile.parse(yaml, file: "\(form.name).yaml")
            return BuilderPreview(yaml: yaml, entry: entry, problem: nil, fix: nil, plan: BuilderPreview.Plan(try PlanGenerator(profile: profile).plan(seed: seed), profile: profile))
        } catch {
            let problem = WebError.from(error)
            return BuilderPreview(yaml: yaml, entry: nil, problem: problem.message, fix: problem.fix, plan: nil)
        }
    }

    /// Saves `form` as `NAME.yaml`. A drill of that name whose content differs is saved with its
    /// version raised past the file's (so leaderboards keep comparing like with like); the earlier
    /// file, comments and all, is kept beside it as `NAME-vN.yaml.bak`.
    public func save(_ form: DrillForm) throws -> BuilderSaved {
        var form = form
        let path = (directory as NSString).appendingPathComponent("\(form.name).yaml")
        var keptAs: String?
        if let earlierText = try? String(contentsOfFile: path, encoding: .utf8),
           let earlier = try? Profile.parse(earlierText, file: path) {
            if form.version <= earlier.version { form.version = earlier.version + 1 }
            let same = (try? Profile.parse(form.yaml, file: path)).map { profile in
                var unchanged = profile
                unchanged.version = earlier.version
                return unchanged == earlier
            } ?? false
            if same { return BuilderSaved(entry: try validate(earlierText, fileName: path), version: earlier.version, changed: false, earlierFileKeptAs: nil) }
            keptAs = "\(form.name)-v\(earlier.version).yaml.bak"
            try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(keptAs!))
            try FileManager.default.copyItem(atPath: path, toPath: (directory as NSString).appendingPathComponent(keptAs!))
        }
        let (entry, _) = try save(form.yaml, replace: true)
        return BuilderSaved(entry: entry, version: form.version, changed: true, earlierFileKeptAs: keptAs)
    }
}

/// The builder's preview: the YAML, and the check's result with the plan it gives.
public struct BuilderPreview: Encodable, Sendable {
    /// A seed's plan, as the builder draws it: each trial's cue and wait, and the drill's length.
    public struct Plan: Encodable, Sendable {
        public struct Trial: Encodable, Sendable {
            public var block: String
            public var set: Int
            public var cue: String?
            public var foreperiodMilliseconds: Int
        }

        public var seed: UInt64
        public var trials: [Trial]
        /// Sets that end by time or hits draw their trials as they run: no count ahead.
        public var openSets: Int
        /// The planned waits and rests and a second per trial: roughly how long the drill takes, s.
        public var estimatedSeconds: Int

        init(_ plan: DrillPlan, profile: Profile) {
            seed = plan.seed
            trials = plan.trials.map { Trial(block: $0.blockName, set: $0.set, cue: $0.cueName, foreperiodMilliseconds: $0.foreperiodMilliseconds) }
            openSets = plan.sets.filter { plan.blocks[$0.blockIndex].length.isOpenEnded }.count
            let waits = plan.trials.reduce(0.0) { $0 + Double($1.foreperiodMilliseconds) / 1000 + 1 + plan.rules(for: $1).intertrial.seconds }
            let timed = plan.sets.compactMap { plan.blocks[$0.blockIndex].length.timeLimit?.seconds }.reduce(0, +)
            let rests = profile.blocks.reduce(0.0) { $0 + Double($1.sets - 1) * $1.restBetweenSets.seconds + $1.restAfter.seconds }
            estimatedSeconds = Int((waits + timed + rests).rounded())
        }
    }

    public var yaml: String
    /// The drill as the station lists it, when it checks out.
    public var entry: ProfileLibrary.Entry?
    /// What is wrong, located in the YAML (`NAME.yaml:12:5: …`), when it does not.
    public var problem: String?
    /// How to fix it, in the builder's words where the check has them.
    public var fix: String?
    public var plan: Plan?
}

/// What saving from the builder did.
public struct BuilderSaved: Encodable, Sendable {
    public var entry: ProfileLibrary.Entry
    /// The version saved (raised past the earlier file's when the drill changed).
    public var version: Int
    /// False when the drill was the same as the file already there (nothing written).
    public var changed: Bool
    /// The earlier file's copy, comments and all.
    public var earlierFileKeptAs: String?
}

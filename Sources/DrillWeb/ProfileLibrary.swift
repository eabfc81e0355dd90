import DrillCore
import Foundation

/// The drill profiles this station can run: the files in one folder, each
/// parsed and checked against the station. Uploads are validated exactly as
/// `snapcue profile validate` does, then saved there.
public struct ProfileLibrary: Sendable {
    /// One profile file.
    public struct Entry: Equatable, Sendable, Codable {
        /// The profile's name (nil if the file does not parse).
        public var name: String?
        public var version: Int?
        public var title: String?
        public var description: String?
        /// The file name in the folder.
        public var file: String
        /// Trials in a plan (duration-limited sets vary with the seed: seed 1's count).
        public var trials: Int?
        public var sides: [String]?
        /// Whether this station can run it.
        public var runnable: Bool
        /// Why not, when it cannot.
        public var problem: String?
        /// Whether a partner gives the cues (the trainer names the partner).
        public var partner: Bool?
    }

    /// The folder holding the profiles.
    public let directory: String
    /// The station the profiles must run on.
    public let station: Station
    /// The largest upload accepted, in bytes.
    public static let maximumUploadBytes = 256 * 1024

    public init(directory: String, station: Station) {
        self.directory = directory
        self.station = station
    }

    /// Every profile file, by name (files that fail to parse are listed with their problem).
    public func entries() -> [Entry] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter(Self.isProfileFile).sorted().map { file in
            let path = (directory as NSString).appendingPathComponent(file)
            do {
                let profile = try Profile.load(path: path)
                return describe(profile, file: file)
            } catch {
                return Entry(file: file, runnable: false, problem: Self.firstLine(error))
            }
        }
    }

    /// The file of the profile named `name`, or a 404 listing the ones there are.
    public func path(forProfileNamed name: String) throws -> String {
        let entries = entries()
        guard let entry = entries.first(where: { $0.name == name }) else {
            let names = entries.compactMap(\.name)
            throw WebError(
                .notFound, "no profile named '\(name)' on this station",
                fix: names.isEmpty ? "upload one (POST /api/profiles)" : "profiles here: \(names.joined(separator: ", "))")
        }
        guard entry.runnable else {
            throw WebError(.unprocessableContent, "profile '\(name)' cannot run on station '\(station.name)': \(entry.problem ?? "")")
        }
        return (directory as NSString).appendingPathComponent(entry.file)
    }

    /// Parses and checks an uploaded profile as `snapcue profile validate` would: the
    /// YAML or JSON, every field, the station's lights, switches and sounds, and
    /// that a plan can be made.
    public func validate(_ text: String, fileName: String) throws -> Entry {
        let profile = try Profile.parse(text, file: fileName)
        try profile.checkRunnable(on: station, file: fileName, text: text)
        _ = try PlanGenerator(profile: profile).plan(seed: 1)
        return describe(profile, file: "\(profile.name).yaml")
    }

    /// Validates `text` and saves it as `NAME.yaml`. An existing file of that
    /// name with other content is only replaced when `replace` is set.
    /// Returns the entry and whether the file is new.
    public func save(_ text: String, replace: Bool) throws -> (entry: Entry, created: Bool) {
        let entry = try validate(text, fileName: "upload")
        let path = (directory as NSString).appendingPathComponent(entry.file)
        let exists = FileManager.default.fileExists(atPath: path)
        if exists, !replace, (try? String(contentsOfFile: path, encoding: .utf8)) != text {
            throw WebError(
                .conflict, "a different profile file \(entry.file) is already on this station",
                fix: "bump its version and upload with ?replace=true, or give it another name")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WebError(.serviceUnavailable, "cannot write \(path): \(error.localizedDescription)", fix: "check the profiles folder's permissions")
        }
        return (entry, !exists)
    }

    private func describe(_ profile: Profile, file: String) -> Entry {
        var entry = Entry(
            name: profile.name, version: profile.version, title: profile.title, description: profile.description, file: file,
            trials: nil, sides: profile.sides, runnable: true, problem: nil)
        entry.partner = profile.partner != nil
        do {
            try profile.checkRunnable(on: station, file: file)
            entry.trials = try PlanGenerator(profile: profile).plan(seed: 1).trials.count
        } catch {
            entry.runnable = false
            entry.problem = Self.firstLine(error)
        }
        return entry
    }

    private static func isProfileFile(_ name: String) -> Bool {
        !name.hasPrefix(".") && [".yaml", ".yml", ".json"].contains { name.hasSuffix($0) }
    }

    private static func firstLine(_ error: any Error) -> String {
        let text = String(describing: error)
        return text.split(separator: "\n").first.map(String.init) ?? text
    }
}

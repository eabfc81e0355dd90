import DrillCore
import DrillTesting
import Foundation
import Testing
@testable import DrillWeb

@Suite("The drill builder's form")
struct DrillFormTests {
    static let shipped = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Profiles"))?.filter { $0.hasSuffix(".yaml") }.sorted() ?? []

    @Test("every shipped drill the builder can edit comes back from the YAML it writes unchanged; the others say what it cannot edit")
    func roundTrip() throws {
        var editable: [String] = []
        for file in Self.shipped {
            let profile = try Profile.load(path: packageRoot + "/Profiles/" + file)
            do {
                let form = try DrillForm(profile: profile)
                let back = try Profile.parse(form.yaml, file: file)
                #expect(back == profile, "\(file): the builder's YAML is another drill:\n\(form.yaml)")
                editable.append(profile.name)
            } catch let error as DrillForm.NotEditable {
                #expect(error.reason.hasPrefix("this drill uses ") && error.reason.contains("change its file"), "\(file): \(error.reason)")
            }
        }
        #expect(["choice-4", "batak-30", "distractor", "quick-start", "zemkova-4-mat"].allSatisfy(editable.contains), "\(editable)")
    }

    @Test("names and titles a coach types are written as YAML that reads back the same, quotes and all")
    func quoting() throws {
        var form = try DrillForm(profile: try Profile.load(path: packageRoot + "/Profiles/choice-4.yaml"))
        form.title = "Kim's: \"fast\" #1 – yes"
        form.description = "true"
        let back = try Profile.parse(form.yaml, file: "x.yaml")
        #expect(back.title == form.title && back.description == "true")
    }

    @Test("a drill with what the form cannot hold (cue weights, its own lapse, a block's own cue list) is refused, never saved without it")
    func refusesWhatItCannotHold() throws {
        let base = "name: d\nversion: 1\ncues:\n  a: {light: pad1, expect: pad1}\n  b: {light: pad2, expect: pad2WEIGHT}\nLAPSEblocks:\n  - trials: 4CUES\n"
        let cases = [
            ("cue weights", base.replacingOccurrences(of: "WEIGHT", with: ", weight: 3").replacingOccurrences(of: "LAPSE", with: "").replacingOccurrences(of: "CUES", with: "")),
            ("its own lapse threshold", base.replacingOccurrences(of: "WEIGHT", with: "").replacingOccurrences(of: "LAPSE", with: "lapse: 400ms\n").replacingOccurrences(of: "CUES", with: "")),
            ("a cue list per block", base.replacingOccurrences(of: "WEIGHT", with: "").replacingOccurrences(of: "LAPSE", with: "").replacingOccurrences(of: "CUES", with: "\n    cues: [b, a]\n    order: sequence")),
        ]
        for (what, yaml) in cases {
            let profile = try Profile.parse(yaml, file: "d.yaml")
            #expect(throws: DrillForm.NotEditable.self, "\(what)") { try DrillForm(profile: profile) }
            do { _ = try DrillForm(profile: profile) } catch let error as DrillForm.NotEditable { #expect(error.reason.contains(what)) }
        }
    }
}

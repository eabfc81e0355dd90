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
        #expect(["choice-4", "batak-30", "distractor", "quick-start", "zemkova-4-mat", "partner-mirror"].allSatisfy(editable.contains), "\(editable)")
    }

    @Test("a partner drill from the form: each partner pad calls a target, feints are no-go cues, and no wait or order is written (the partner chooses)")
    func partnerDrill() throws {
        let json = """
            {"name": "shadow", "title": "Shadow", "description": "", "version": 1, "cues": [],
             "partner": {"pads": ["partner-left", "partner-right"], "targets": ["right", "left"], "feints": ["partner-feint"],
                         "on": "release", "light": true, "wait_seconds": 45},
             "blocks": [{"name": "work", "length": "trials", "amount": 10, "sets": 2, "rest_seconds": 20}],
             "foreperiod_min_milliseconds": 1000, "foreperiod_max_milliseconds": 3000, "timeout_milliseconds": 1200,
             "order": "balanced", "nogo_probability": 0.2, "rapid_fire": false, "score": "median_rt", "max_repeats": 2}
            """
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let form = try decoder.decode(DrillForm.self, from: Data(json.utf8))
        let yaml = form.yaml
        #expect(!yaml.contains("foreperiod") && !yaml.contains("order") && !yaml.contains("nogo_probability") && !yaml.contains("cues:"), "\(yaml)")
        let profile = try Profile.parse(yaml, file: "shadow.yaml")
        let partner = try #require(profile.partner)
        #expect(partner.edge == .release && partner.lightsTarget && partner.wait == .seconds(45))
        #expect(profile.cues.map(\.name) == ["partner-left", "partner-right", "partner-feint"])
        #expect(profile.cues.map { $0.expected[Profile.soloSide] } == ["right", "left", nil] && profile.cues[2].isNoGo)
        #expect(try DrillForm(profile: profile) == form.withoutPlannedRules, "the form reads back what it wrote")
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

private extension DrillForm {
    /// The form as a partner drill reads back: the planned-cue rules it does not write are the built-in ones.
    var withoutPlannedRules: DrillForm {
        var form = self
        form.foreperiodMinMilliseconds = 1000
        form.foreperiodMaxMilliseconds = 3000
        form.order = "random"
        form.nogoProbability = 0
        form.maxRepeats = 3
        return form
    }
}

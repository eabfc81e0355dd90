import Foundation
import Testing
@testable import DrillCore

/// A minimal valid profile; tests change one thing at a time.
let minimalProfile = """
    name: test
    version: 1
    cues:
      go: {light: pad, expect: pad}
    blocks:
      - name: work
        trials: 10
    """

func parseError(_ text: String) -> ConfigError? {
    do {
        _ = try Profile.parse(text, file: "test.yaml")
        return nil
    } catch let error as ConfigError {
        return error
    } catch {
        Issue.record("unexpected error type: \(error)")
        return nil
    }
}

@Suite("Profile parsing")
struct ProfileParsingTests {
    @Test("a minimal profile gets the documented defaults")
    func minimalDefaults() throws {
        let profile = try Profile.parse(minimalProfile, file: "test.yaml")
        #expect(profile.name == "test")
        #expect(profile.sides == ["athlete"])
        #expect(profile.mode == .press)
        #expect(profile.lapseThreshold == .milliseconds(500))
        let rules = profile.blocks[0].rules
        #expect(rules.foreperiod == .uniform(min: .seconds(1), max: .seconds(3)))
        #expect(rules.timeout == .milliseconds(1500))
        #expect(rules.anticipation == .milliseconds(100))
        #expect(rules.cueDuration == .untilResponse)
        #expect(rules.order == .random)
        #expect(profile.blocks[0].length == .trials(10))
    }

    @Test("every shipped profile parses and runs on the built-in sim station")
    func shippedProfilesAreValid() throws {
        let station = try Station.builtInSimulated()
        let directory = packageRoot + "/Profiles"
        let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }
        #expect(files.count >= 6)
        for file in files {
            let profile = try Profile.load(path: directory + "/" + file)
            try profile.checkRunnable(on: station, file: file)
        }
    }

    @Test("JSON is accepted as well as YAML")
    func jsonProfile() throws {
        let json = """
            {"name": "j", "version": 2, "cues": {"go": {"light": "pad", "expect": "pad"}},
             "blocks": [{"trials": 5, "foreperiod": {"distribution": "fixed", "value": "2s"}}]}
            """
        let profile = try Profile.parse(json, file: "j.json")
        #expect(profile.version == 2)
        #expect(profile.blocks[0].rules.foreperiod == .fixed(.seconds(2)))
        #expect(profile.blocks[0].name == "block-1")
    }

    @Test("defaults apply to every block and a block can override them")
    func defaultsAndOverrides() throws {
        let profile = try Profile.parse(minimalProfile.replacingOccurrences(of: "blocks:", with: """
            defaults:
              timeout: 2s
              foreperiod: {distribution: exponential, min: 1s, max: 4s, scale: 1s}
            blocks:
              - trials: 3
                timeout: 900ms
            """), file: "t.yaml")
        #expect(profile.blocks[0].rules.timeout == .milliseconds(900))
        #expect(profile.blocks[1].rules.timeout == .seconds(2))
        #expect(profile.blocks[1].rules.foreperiod == .exponential(min: .seconds(1), max: .seconds(4), scale: .seconds(1)))
    }

    @Test("head-to-head cues name a switch per side")
    func headToHead() throws {
        let profile = try Profile.parse("""
            name: duel
            version: 1
            sides: [left, right]
            cues:
              duel: {light: [left, right], sound: beep, modality: random, expect: {left: l, right: r}}
            blocks:
              - trials: 4
            """, file: "duel.yaml")
        #expect(profile.isHeadToHead)
        #expect(profile.switches(of: "left") == ["l"])
        #expect(profile.cues[0].modality == .random)
    }
}

@Suite("Profile validation errors name the file, line, column and field")
struct ProfileValidationTests {
    @Test("an unknown key is an error at the key, with a suggestion")
    func unknownKey() throws {
        let error = try #require(parseError(minimalProfile + "\n    timout: 2s"))
        #expect(error.line == 8 && error.column == 5)
        #expect(error.field == "blocks[1].timout")
        #expect(error.problem.contains("unknown key 'timout'"))
        #expect(error.fix?.contains("did you mean 'timeout'") == true)
        #expect(error.description.hasPrefix("test.yaml:8:5: error: blocks[1].timout"))
    }

    @Test("a missing required key is an error at the enclosing mapping")
    func missingVersion() throws {
        let error = try #require(parseError(minimalProfile.replacingOccurrences(of: "version: 1\n", with: "")))
        #expect(error.line == 1 && error.column == 1)
        #expect(error.problem == "missing required key 'version'")
    }

    @Test("a negative duration is refused")
    func negativeDuration() throws {
        let error = try #require(parseError(minimalProfile + "\n    timeout: -200ms"))
        #expect(error.line == 8 && error.column == 14)
        #expect(error.field == "blocks[1].timeout")
        #expect(error.problem.contains("greater than zero"))
    }

    @Test("a zero duration is refused")
    func zeroDuration() throws {
        let error = try #require(parseError(minimalProfile + "\n    intertrial: 0ms"))
        #expect(error.line == 8)
        #expect(error.problem.contains("greater than zero"))
    }

    @Test("a bare number is not a duration: the unit is required")
    func bareNumber() throws {
        let error = try #require(parseError(minimalProfile + "\n    timeout: 2"))
        #expect(error.problem.contains("'2' is not a duration"))
        #expect(error.fix?.contains("ms") == true)
    }

    @Test("min greater than max is refused at max")
    func minAboveMax() throws {
        let error = try #require(parseError(minimalProfile + "\n    foreperiod: {distribution: uniform, min: 3s, max: 1s}"))
        #expect(error.line == 8 && error.column == 55)
        #expect(error.field == "blocks[1].foreperiod.max")
        #expect(error.fix == "swap min and max")
    }

    @Test("a probability outside 0–1 is refused")
    func probabilityOutOfRange() throws {
        let error = try #require(parseError(minimalProfile + "\n    catch_probability: 1.5"))
        #expect(error.line == 8 && error.column == 24)
        #expect(error.problem.contains("out of range"))
    }

    @Test("a no-go probability of 1 leaves no go trials and is refused")
    func noGoProbabilityOne() throws {
        let text = minimalProfile.replacingOccurrences(of: "  go: {light: pad, expect: pad}", with: "  go: {light: pad, expect: pad}\n  stop: {light: red, nogo: true}")
        let error = try #require(parseError(text + "\n    nogo_probability: 1"))
        #expect(error.line == 9 && error.column == 23)
        #expect(error.problem.contains("probability of 1"))
    }

    @Test("zero trials are refused")
    func zeroTrials() throws {
        let error = try #require(parseError(minimalProfile.replacingOccurrences(of: "trials: 10", with: "trials: 0")))
        #expect(error.line == 7 && error.column == 13)
        #expect(error.field == "blocks[1].trials")
    }

    @Test("absurd sizes are refused")
    func absurdSize() throws {
        let error = try #require(parseError(minimalProfile.replacingOccurrences(of: "trials: 10", with: "trials: 50000")))
        #expect(error.problem.contains("out of range"))
        #expect(error.fix?.contains("10000") == true)
    }

    @Test("a block naming an undefined cue is refused, with a suggestion")
    func unknownCue() throws {
        let error = try #require(parseError(minimalProfile + "\n    cues: [goo]"))
        #expect(error.line == 8 && error.column == 12)
        #expect(error.problem == "no cue named 'goo'")
        #expect(error.fix?.contains("did you mean 'go'") == true)
    }

    @Test("no-go cues without a no-go probability are refused")
    func noGoWithoutProbability() throws {
        let text = minimalProfile.replacingOccurrences(of: "  go: {light: pad, expect: pad}", with: "  go: {light: pad, expect: pad}\n  stop: {light: red, nogo: true}")
        let error = try #require(parseError(text))
        #expect(error.problem.contains("nogo_probability is not set"))
    }

    @Test("a balanced order that cannot keep its repeat cap is refused before any plan is made")
    func impossibleBalance() throws {
        let text = """
            name: t
            version: 1
            cues:
              a: {light: pad, expect: pad, weight: 9}
              b: {light: red, expect: pad}
            blocks:
              - trials: 10
                order: balanced
                max_repeats: 2
            """
        let error = try #require(parseError(text))
        #expect(error.line == 9 && error.column == 18)
        #expect(error.problem.contains("cannot keep cue 'a'"))
    }

    @Test("the anticipation threshold must be shorter than the timeout")
    func anticipationBeyondTimeout() throws {
        let error = try #require(parseError(minimalProfile + "\n    timeout: 100ms\n    anticipation: 200ms"))
        #expect(error.field == "blocks[1].anticipation")
    }

    @Test("a go cue must say which switch to press")
    func goCueWithoutExpect() throws {
        let error = try #require(parseError(minimalProfile.replacingOccurrences(of: "{light: pad, expect: pad}", with: "{light: pad}")))
        #expect(error.line == 4 && error.column == 7)
        #expect(error.field == "cues.go")
    }

    @Test("broken YAML is reported at its place")
    func yamlSyntax() throws {
        let error = try #require(parseError("name: t\nversion: 1\ncues: {go: [\n"))
        #expect(error.line != nil)
        #expect(error.problem.hasPrefix("not valid YAML"))
    }

    @Test("a profile needing a light the station lacks fails before any cue")
    func stationLacksLight() throws {
        let profile = try Profile.parse(minimalProfile.replacingOccurrences(of: "light: pad", with: "light: pad9"), file: "p.yaml")
        let station = try Station.builtInSimulated()
        #expect {
            try profile.checkRunnable(on: station, file: "p.yaml")
        } throws: { error in
            guard let error = error as? ConfigError else { return false }
            return error.field == "cues.go.light" && error.problem.contains("light 'pad9'") && error.fix?.contains("pad1") == true
        }
    }
}
